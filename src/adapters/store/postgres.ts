import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../../domain/index.js';
import { migrateToLatest } from './migrations.js';
import { withDefaultUser } from './postgres-url.js';
import type { StoreDatabase } from './schema.js';

export interface PostgresBackend {
  db: Kysely<StoreDatabase>;
  saver: PostgresSaver;
  /** Separate from the query pool: lock holders must never starve the work they guard. */
  lockPool: pg.Pool;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;
const SETUP_ATTEMPTS = 5;

export function checkpointSchemaFor(schema: string): string {
  return `${schema}_checkpoints`;
}

function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new AppError('CONFIG_INVALID', 'PostgreSQL schema name must match [a-z_][a-z0-9_]*', {
      details: { schema },
    });
  }
}

/** Our tables resolve through search_path; the checkpointer qualifies its own schema itself. */
export async function openPostgres(url: string, schema: string): Promise<PostgresBackend> {
  assertSchemaName(schema);
  const connectionString = withDefaultUser(url);
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    options: `-c search_path=${schema}`,
  });
  const lockPool = new pg.Pool({
    connectionString,
    max: 32,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // An idle client that dies is dropped by the pool; without a listener it would crash the process.
  pool.on('error', () => {});
  lockPool.on('error', () => {});
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  const saver = new PostgresSaver(pool, undefined, { schema: checkpointSchemaFor(schema) });
  try {
    await withSessionLock(pool, ['referrals:migrate', schema], async () => {
      await db.schema.createSchema(schema).ifNotExists().execute();
      await migrateToLatest(db, 'postgres', schema);
      await setupCheckpointer(saver);
    });
  } catch (error) {
    await Promise.allSettled([db.destroy(), lockPool.end()]);
    throw error;
  }
  return { db, saver, lockPool };
}

/** Holds `pg_advisory_lock(hashtext(a), hashtext(b))` on one client while `fn` runs. */
async function withSessionLock(
  pool: pg.Pool,
  [a, b]: [string, string],
  fn: () => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [a, b]);
    try {
      await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [a, b]);
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** `setup()` is not concurrency-safe; we hold the lock, and still retry the known catalog race. */
async function setupCheckpointer(saver: PostgresSaver): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await saver.setup();
      return;
    } catch (error) {
      if (attempt >= SETUP_ATTEMPTS || !isCatalogRace(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function isCatalogRace(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return (
    message.includes('pg_type_typname_nsp_index') ||
    code === '23505' ||
    code === '42P06' ||
    code === '42P07'
  );
}
