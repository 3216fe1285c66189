import type { IndexConfig, LlmConfig } from '../../config.js';
import type { DirectoryIndex } from '../../domain/index.js';
import { createEmbedder } from '../llm/index.js';
import { openQdrantDirectoryIndex } from './qdrant/index.js';
import { openSqliteDirectoryIndex } from './sqlite/index.js';

/**
 * The configured directory index: Qdrant when QDRANT_URL is set, else the embedded one; either
 * with dense vectors when embeddings are configured (the same for every process that opens it).
 */
export async function openDirectoryIndex(
  config: IndexConfig,
  llm: LlmConfig | null = null,
): Promise<{ index: DirectoryIndex; close(): void }> {
  const embedder = llm ? createEmbedder(llm) : null;
  if (config.kind === 'sqlite') return openSqliteDirectoryIndex(config.path, embedder ?? undefined);
  const index = await openQdrantDirectoryIndex(config, embedder ?? undefined);
  return { index, close: () => {} };
}
