import type { Kysely } from 'kysely';

/**
 * `0008_reconcile_cursors`: how far the reconciler read each practice's change feed, and the
 * indexes its look-ups need (inbox entries and transitions of a few referrals at a time).
 */
export async function createReconcileCursors(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reconcile_cursors')
    .addColumn('practice_id', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_inbox_referral_idx')
    .on('webhook_inbox')
    .columns(['practice_id', 'referral_id', 'status'])
    .execute();
  await db.schema
    .createIndex('referral_transitions_referral_idx')
    .on('referral_transitions')
    .columns(['practice_id', 'referral_id', 'to_status'])
    .execute();
}
