import type { Kysely } from 'kysely';

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
