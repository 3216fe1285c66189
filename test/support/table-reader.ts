import Database from 'better-sqlite3';
import pg from 'pg';
import { withDefaultUser } from '../../src/adapters/store/postgres-url.js';
import { TEST_DATABASE_URL } from './postgres.js';

export type TableRow = Record<string, unknown>;

/** Reads the store's tables over a connection of its own (read-only on SQLite). */
export type TableReader = (sql: string) => Promise<TableRow[]>;

export function sqliteReader(path: string): TableReader {
  return async (sql) => {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as TableRow[];
    } finally {
      db.close();
    }
  };
}

export function postgresReader(schema: string): TableReader {
  return async (sql) => {
    const client = new pg.Client({
      connectionString: withDefaultUser(TEST_DATABASE_URL),
      options: `-c search_path=${schema}`,
    });
    await client.connect();
    try {
      return (await client.query(sql)).rows as TableRow[];
    } finally {
      await client.end();
    }
  };
}
