import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { DirectoryIndex } from '../../../domain/index.js';
import { createSqliteDirectoryIndex } from './sqlite-directory-index.js';

/** Opens the embedded index in a SQLite file (the store's own file, or one of its own). */
export function openSqliteDirectoryIndex(path: string): { index: DirectoryIndex; close(): void } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return { index: createSqliteDirectoryIndex(db), close: () => db.close() };
}
