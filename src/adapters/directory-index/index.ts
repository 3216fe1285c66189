export { createMemoryDirectoryIndex } from './memory-index.js';
export { createSqliteDirectoryIndex, openSqliteDirectoryIndex } from './sqlite/index.js';
