import type { IndexConfig } from '../../config.js';
import type { DirectoryIndex, Embedder } from '../../domain/index.js';
import { openQdrantDirectoryIndex } from './qdrant/index.js';
import { openSqliteDirectoryIndex } from './sqlite/index.js';

/** The configured directory index: Qdrant when QDRANT_URL is set, else the embedded one. */
export async function openDirectoryIndex(
  config: IndexConfig,
  embedder?: Embedder,
): Promise<{ index: DirectoryIndex; close(): void }> {
  if (config.kind === 'sqlite') return openSqliteDirectoryIndex(config.path);
  const index = await openQdrantDirectoryIndex(config, embedder);
  return { index, close: () => {} };
}
