import { randomBytes } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import { describe, it } from 'vitest';
import { startQdrantServer } from '../../../../test/fakes/qdrant-server.js';
import { describeDirectoryIndexContract } from '../../../../test/support/directory-index-contract.js';
import { loadConfig } from '../../../config.js';
import { createQdrantDirectoryIndex } from './index.js';

const collectionName = () => `test_${randomBytes(6).toString('hex')}`;

async function indexOn(url: string, apiKey?: string) {
  const client = new QdrantClient({
    url,
    ...(apiKey ? { apiKey } : {}),
    checkCompatibility: false,
  });
  const collection = collectionName();
  const index = await createQdrantDirectoryIndex({ client, collection, batchSize: 2 });
  return { client, collection, index };
}

const configured = loadConfig().directory.index;

if (configured.kind === 'qdrant') {
  describeDirectoryIndexContract(`qdrant at ${configured.url}`, async () => {
    const { client, collection, index } = await indexOn(configured.url, configured.apiKey);
    return { index, close: async () => void (await client.deleteCollection(collection)) };
  });
} else {
  describe('DirectoryIndex contract: a real Qdrant', () => {
    it.skip('SKIPPED: QDRANT_URL is not set, so the contract did not run against a real Qdrant', () => {});
  });
}

describeDirectoryIndexContract('qdrant adapter over the in-process Qdrant stand-in', async () => {
  const server = await startQdrantServer();
  const { index } = await indexOn(server.url);
  return { index, close: () => server.close() };
});
