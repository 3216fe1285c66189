import { type Kysely, sql } from 'kysely';

/** The milestone columns of `referral_facts`, epoch milliseconds (portable arithmetic). */
export const FACT_MILESTONES = [
  'reviewed_ms',
  'sent_ms',
  'scheduled_ms',
  'seen_ms',
  'consult_ms',
  'closed_ms',
] as const;

/** The status whose first arrival a milestone records (`reviewed_ms` is a decision, not a status). */
const BACKFILL_STATUS: Record<Exclude<(typeof FACT_MILESTONES)[number], 'reviewed_ms'>, string> = {
  sent_ms: 'sent',
  scheduled_ms: 'scheduled',
  seen_ms: 'seen',
  consult_ms: 'consult_received',
  closed_ms: 'closed',
};

/**
 * `0009_referral_facts`: one row per referral with what the queue filters on and analytics groups
 * by, and the first time of each milestone. Referrals from before it get their row from the
 * transitions already recorded (dimensions unknown).
 */
export async function createFactsTable(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres') {
  await db.schema
    .createTable('referral_facts')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('specialty', 'text')
    .addColumn('specialty_label', 'text')
    .addColumn('urgency', 'text')
    .addColumn('payer_id', 'text')
    .addColumn('payer_name', 'text')
    .addColumn('specialist_npi', 'text')
    .addColumn('in_network', 'integer')
    .addColumn('no_in_network_option', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exception_reason', 'text')
    .addColumn('llm_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('llm_fallbacks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed_ms', 'bigint')
    .addColumn('sent_ms', 'bigint')
    .addColumn('scheduled_ms', 'bigint')
    .addColumn('seen_ms', 'bigint')
    .addColumn('consult_ms', 'bigint')
    .addColumn('closed_ms', 'bigint')
    .addPrimaryKeyConstraint('referral_facts_pkey', ['practice_id', 'referral_id'])
    .execute();
  await db.schema
    .createIndex('referral_facts_created_idx')
    .on('referral_facts')
    .columns(['practice_id', 'created_ms'])
    .execute();
  // Covers the analytics' reads of milestones, whole or by specialty: SQLite skips the table.
  await db.schema
    .createIndex('referral_facts_specialty_idx')
    .on('referral_facts')
    .columns([
      'practice_id',
      'specialty',
      'created_ms',
      'specialty_label',
      'reviewed_ms',
      'sent_ms',
      'scheduled_ms',
      'seen_ms',
      'consult_ms',
      'closed_ms',
      'in_network',
      'no_in_network_option',
    ])
    .execute();
  await db.schema
    .createIndex('coordinator_tasks_open_idx')
    .on('coordinator_tasks')
    .columns(['practice_id', 'status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('referrals_practice_pending_idx')
    .on('referrals')
    .columns(['practice_id', 'pending_interrupt_kind', 'created_at'])
    .execute();

  const ms = (column: string) =>
    dialect === 'postgres'
      ? sql.raw(`(extract(epoch from ${column}::timestamptz) * 1000)::bigint`)
      : sql.raw(`cast(round((julianday(${column}) - 2440587.5) * 86400000) as integer)`);
  await sql`insert into referral_facts (practice_id, referral_id, created_ms)
    select practice_id, id, ${ms('created_at')} from referrals`.execute(db);
  for (const [column, status] of Object.entries(BACKFILL_STATUS)) {
    await sql`update referral_facts set ${sql.raw(column)} = (
        select min(${ms('t.applied_at')}) from referral_transitions t
        where t.practice_id = referral_facts.practice_id
          and t.referral_id = referral_facts.referral_id and t.to_status = ${status})`.execute(db);
  }
}
