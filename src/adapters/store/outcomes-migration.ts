import { type Kysely, sql } from 'kysely';

/** `0007_referral_outcomes`: each sent referral's milestones at the specialist it went to. */
export async function createOutcomeTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral_outcomes')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('referral_id', 'text', (c) => c.notNull())
    .addColumn('npi', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('appointment_at', 'text')
    .addColumn('seen_at', 'text')
    .addColumn('consult_at', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('expired_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('no_shows', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('referral_outcomes_pkey', ['practice_id', 'referral_id', 'npi'])
    .execute();
  await db.schema
    .createIndex('referral_outcomes_npi_idx')
    .on('referral_outcomes')
    .columns(['practice_id', 'npi'])
    .execute();
}

/**
 * `0010_outcome_durations`: the times to the first answer and to the booked appointment, in ms
 * from the send, kept beside the timestamps they come from, so reports aggregate numbers instead
 * of parsing two timestamps per row.
 */
export async function addOutcomeDurations(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres') {
  for (const column of ['ms_to_answer', 'ms_to_appointment']) {
    await db.schema.alterTable('referral_outcomes').addColumn(column, 'bigint').execute();
  }
  const since = (column: string) =>
    dialect === 'postgres'
      ? sql.raw(
          `(extract(epoch from (${column}::timestamptz - sent_at::timestamptz)) * 1000)::bigint`,
        )
      : sql.raw(`cast(round((julianday(${column}) - julianday(sent_at)) * 86400000) as integer)`);
  await sql`update referral_outcomes set ms_to_answer = ${since('responded_at')}
    where responded_at is not null`.execute(db);
  await sql`update referral_outcomes set ms_to_appointment = ${since('appointment_at')}
    where appointment_at is not null`.execute(db);
}
