import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { AppError } from '../../domain/index.js';
import type { StoreDialect } from './context.js';
import { createFactsTable } from './facts-migration.js';
import { addOutcomeDurations, createOutcomeTable } from './outcomes-migration.js';
import { createReconcileCursors } from './reconcile-migration.js';
import type { StoreDatabase } from './schema.js';

/** Tables, keys and indexes: plain `text`/`integer` columns so one definition serves both dialects. */
async function createTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('referral_type', 'text', (c) => c.notNull())
    .addColumn('pending_interrupt_id', 'text')
    .addColumn('pending_interrupt_kind', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('referrals_pkey', ['practice_id', 'id'])
    .execute();
  await db.schema
    .createIndex('referrals_practice_status_idx')
    .on('referrals')
    .columns(['practice_id', 'status'])
    .execute();
  await db.schema
    .createIndex('referrals_practice_created_idx')
    .on('referrals')
    .columns(['practice_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('referral_transitions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_inbox')
    .addColumn('webhook_id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('event_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_inbox_status_received_idx')
    .on('webhook_inbox')
    .columns(['status', 'received_at'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idem_key', 'text', (c) => c.notNull().unique())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbox_state_due_idx')
    .on('outbox')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('outbox_practice_referral_idx')
    .on('outbox')
    .columns(['practice_id', 'referral_id'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_events_practice_referral_idx')
    .on('audit_events')
    .columns(['practice_id', 'referral_id', 'seq'])
    .execute();

  await db.schema
    .createTable('coordinator_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coordinator_tasks_practice_status_idx')
    .on('coordinator_tasks')
    .columns(['practice_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['practice_id', 'key'])
    .execute();
}

/** The table refuses UPDATE and DELETE (and TRUNCATE in PostgreSQL) for every role. */
async function makeAppendOnly(
  db: Kysely<unknown>,
  dialect: StoreDialect,
  table: 'audit_events' | 'audit_anchors',
): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['update', 'delete'] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op} BEFORE ${op.toUpperCase()} ON ${table} ` +
            `BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(`
    CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${table} is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END;
    $$`)
    .execute(db);
  await sql
    .raw(`
    CREATE TRIGGER ${table}_no_modify BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`)
    .execute(db);
  await sql
    .raw(`
    CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
    FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`)
    .execute(db);
}

/** Keyed checkpoints of the audit chain's head, so truncating or re-hashing the chain shows. */
async function createAuditAnchors(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('audit_anchors')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('prev_mac', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute();
  await makeAppendOnly(db, dialect, 'audit_anchors');
}

/** The specialist directory: the source of truth that search indexes are rebuilt from. */
async function createDirectoryTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_profiles')
    .addColumn('npi', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('profile_json', 'text', (c) => c.notNull())
    .addColumn('last_import_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('directory_profiles_source_import_idx')
    .on('directory_profiles')
    .columns(['source', 'last_import_id'])
    .execute();
  await db.schema
    .createTable('directory_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text')
    .addColumn('network_ids_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('directory_networks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

/**
 * Each source's record per NPI, the drift imports cause, and the imports themselves. Existing
 * profiles become the record of their source (an unknown source counts as 'generated': not real).
 */
async function createDirectorySources(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('directory_source_records')
    .addColumn('npi', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('listed', 'integer', (c) => c.notNull())
    .addColumn('fields_hash', 'text', (c) => c.notNull())
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('last_import_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_source_records_pkey', ['npi', 'source'])
    .execute();
  await db.schema
    .createIndex('directory_source_records_source_import_idx')
    .on('directory_source_records')
    .columns(['source', 'last_import_id'])
    .execute();
  await db.schema
    .createTable('directory_drift')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('npi', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  for (const column of ['import_id', 'npi', 'kind'] as const) {
    await db.schema
      .createIndex(`directory_drift_${column}_idx`)
      .on('directory_drift')
      .columns([column, 'id'])
      .execute();
  }
  await db.schema
    .createTable('directory_imports')
    .addColumn('import_id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('deactivated', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('directory_imports_started_idx')
    .on('directory_imports')
    .columns(['started_at'])
    .execute();
  await sql`
    INSERT INTO directory_source_records
      (npi, source, as_of, listed, fields_hash, fields_json, last_import_id, created_at, updated_at)
    SELECT npi,
      CASE WHEN source IN ('plan-net', 'nppes', 'generated', 'manual') THEN source ELSE 'generated' END,
      substr(updated_at, 1, 10), active, content_hash, profile_json, last_import_id, created_at,
      updated_at
    FROM directory_profiles`.execute(db);
}

/** Loop closure: each waiting referral's deadline, consult documents, and the HL7 v2 receipt log. */
async function createLoopTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral_timers')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('wait_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_timers_pkey', ['practice_id', 'referral_id'])
    .execute();
  await db.schema
    .createIndex('referral_timers_due_idx')
    .on('referral_timers')
    .column('due_at')
    .execute();
  await db.schema
    .createTable('consult_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('author_npi', 'text')
    .addColumn('encounter_date', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consult_documents_referral_idx')
    .on('consult_documents')
    .columns(['practice_id', 'referral_id'])
    .execute();
  await db.schema
    .createTable('hl7_messages')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('sending_facility', 'text', (c) => c.notNull())
    .addColumn('control_id', 'text', (c) => c.notNull())
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('ack', 'text', (c) => c.notNull())
    .addColumn('ack_code', 'text', (c) => c.notNull())
    .addColumn('disposition', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text')
    .addColumn('problem', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hl7_messages_pkey', ['practice_id', 'sending_facility', 'control_id'])
    .execute();
  await db.schema
    .createTable('referral_parties')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('party_key', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addPrimaryKeyConstraint('referral_parties_pkey', ['practice_id', 'referral_id', 'party_key'])
    .execute();
  await db.schema
    .createIndex('referral_parties_key_idx')
    .on('referral_parties')
    .columns(['practice_id', 'party_key'])
    .execute();
}

function migrationProvider(dialect: StoreDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_tables': { up: (db) => createTables(db) },
    '0002_audit_append_only': { up: (db) => makeAppendOnly(db, dialect, 'audit_events') },
    '0003_directory': { up: (db) => createDirectoryTables(db) },
    '0004_audit_anchors': { up: (db) => createAuditAnchors(db, dialect) },
    '0005_directory_sources': { up: (db) => createDirectorySources(db, dialect) },
    '0006_loop_closure': { up: (db) => createLoopTables(db) },
    '0007_referral_outcomes': { up: (db) => createOutcomeTable(db) },
    '0008_reconcile_cursors': { up: (db) => createReconcileCursors(db) },
    '0009_referral_facts': { up: (db) => createFactsTable(db, dialect) },
    '0010_outcome_durations': { up: (db) => addOutcomeDurations(db, dialect) },
  };
  return { getMigrations: async () => migrations };
}

/**
 * Brings the schema to the latest version. In PostgreSQL the caller already holds the store's
 * advisory lock; `schema` also names where Kysely keeps its own bookkeeping tables.
 */
export async function migrateToLatest(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw new AppError('INTERNAL', 'Store migration failed', { cause: error });
  }
}
