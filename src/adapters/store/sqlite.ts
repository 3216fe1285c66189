import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { GatedSqliteSaver } from './gated-sqlite-saver.js';
import { migrateToLatest } from './migrations.js';
import type { StoreDatabase } from './schema.js';
import { cacheStatements } from './statement-cache.js';

export interface SqliteBackend {
  db: Kysely<StoreDatabase>;
  saver: GatedSqliteSaver;
}

const BUSY_TIMEOUT_MS = 5000;

function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

/** One better-sqlite3 connection (WAL) shared by Kysely and the checkpointer. */
export async function openSqlite(path: string): Promise<SqliteBackend> {
  if (!isInMemory(path)) mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
    cacheStatements(database);
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrateToLatest(db, 'sqlite');
    const saver = new GatedSqliteSaver(database, (fn) => db.connection().execute(() => fn()));
    saver.init();
    return { db, saver };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
