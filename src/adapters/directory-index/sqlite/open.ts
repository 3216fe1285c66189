import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DirectoryIndex, Embedder } from '../../../domain/index.js';
import { withDenseVectors } from './dense-vectors.js';
import { createSqliteDirectoryIndex } from './sqlite-directory-index.js';

/**
 * Opens the embedded index in a SQLite file (the store's own file, or one of its own), with dense
 * vectors when an embedder is configured.
 */
export async function openSqliteDirectoryIndex(
  path: string,
  embedder?: Embedder,
): Promise<{ index: DirectoryIndex; close(): void }> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const lexical = createSqliteDirectoryIndex(db);
  const index = embedder ? await withDenseVectors(lexical, db, embedder) : lexical;
  return { index, close: () => db.close() };
}
