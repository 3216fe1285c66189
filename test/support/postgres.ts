import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

/** The PostgreSQL the integration tests run against (trust auth on this machine). */
export const TEST_DATABASE_URL = 'postgres://127.0.0.1:5432/test';

export function randomPgSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** node-postgres needs a user name when the URL has none; libpq would use the OS user. */
function withUser(url: string): string {
  const parsed = new URL(url);
  if (parsed.username !== '' || pg.defaults.user) return url;
  parsed.username = encodeURIComponent(userInfo().username);
  return parsed.toString();
}

/** Drops the service's schema and its checkpointer's `<schema>_checkpoints`. */
export async function dropPgSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  if (!/^t_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}`);
  const client = new pg.Client({ connectionString: withUser(url) });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_checkpoints" CASCADE`);
  } finally {
    await client.end();
  }
}
