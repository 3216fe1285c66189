import { QdrantClient } from '@qdrant/js-client-rest';
import type { DirectoryIndex, Embedder } from '../../../domain/index.js';
import { createQdrantDirectoryIndex } from './qdrant-directory-index.js';

export interface QdrantConnection {
  url: string;
  apiKey?: string;
  collection: string;
  timeoutMs: number;
}

/** Connects to Qdrant and makes sure the collection and its payload indexes exist. */
export async function openQdrantDirectoryIndex(
  connection: QdrantConnection,
  embedder?: Embedder,
): Promise<DirectoryIndex> {
  const client = new QdrantClient({
    url: connection.url,
    ...(connection.apiKey ? { apiKey: connection.apiKey } : {}),
    timeout: connection.timeoutMs,
    checkCompatibility: false,
  });
  return createQdrantDirectoryIndex({
    client,
    collection: connection.collection,
    ...(embedder ? { embedder } : {}),
  });
}
