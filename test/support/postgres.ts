import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDefaultUser } from '../../src/adapters/store/postgres-url.js';

/** The PostgreSQL the integration tests run against (trust auth on this machine). */
export const TEST_DATABASE_URL = 'postgres://127.0.0.1:5432/test';

export function randomPgSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Runs statements on a raw connection with `schema` first on the search path. */
export async function pgQuery(
  schema: string,
  statements: string[],
  url = TEST_DATABASE_URL,
): Promise<void> {
  const client = new pg.Client({
    connectionString: withDefaultUser(url),
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and its checkpointer's `<schema>_checkpoints`. */
export async function dropPgSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  if (!/^t_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}`);
  await pgQuery(
    'public',
    [
      `DROP SCHEMA IF EXISTS "${schema}" CASCADE`,
      `DROP SCHEMA IF EXISTS "${schema}_checkpoints" CASCADE`,
    ],
    url,
  );
}
