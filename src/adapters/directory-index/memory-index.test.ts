import { describeDirectoryIndexContract } from '../../../test/support/directory-index-contract.js';
import { createMemoryDirectoryIndex } from './memory-index.js';

describeDirectoryIndexContract('memory (exhaustive scan, the reference)', async () => ({
  index: createMemoryDirectoryIndex(),
  close: async () => {},
}));
