import { randomBytes } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import Database from 'better-sqlite3';
import {
  createMemoryDirectoryIndex,
  createQdrantDirectoryIndex,
  createSqliteDirectoryIndex,
} from '../../src/adapters/directory-index/index.js';
import type { DirectoryIndex, IndexHit } from '../../src/domain/index.js';
import { type QdrantServerHandle, startQdrantServer } from '../fakes/qdrant-server.js';

/** The ordered identity of a result: `npi/locationId` per hit. */
export const hitKeys = (hits: readonly IndexHit[]) =>
  hits.map((h) => `${h.profile.npi}/${h.locationId}`);

/** The three directory indexes side by side: the exhaustive scan, embedded SQLite, Qdrant (fake). */
export interface IndexTrio {
  memory: DirectoryIndex;
  sqlite: DirectoryIndex;
  qdrant: DirectoryIndex;
  /** Drops the SQLite database and the Qdrant collection (the server stays up). */
  close(): Promise<void>;
}

/** One Qdrant stand-in for many trios; each trio gets its own collection. */
export async function startTrioServer(): Promise<{
  server: QdrantServerHandle;
  openTrio(): Promise<IndexTrio>;
}> {
  const server = await startQdrantServer();
  const client = new QdrantClient({ url: server.url, checkCompatibility: false });
  return {
    server,
    async openTrio() {
      const collection = `trio_${randomBytes(6).toString('hex')}`;
      const db = new Database(':memory:');
      return {
        memory: createMemoryDirectoryIndex(),
        sqlite: createSqliteDirectoryIndex(db),
        qdrant: await createQdrantDirectoryIndex({ client, collection, batchSize: 256 }),
        async close() {
          db.close();
          await client.deleteCollection(collection);
        },
      };
    },
  };
}
