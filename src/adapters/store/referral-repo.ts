import { AppError, type ReferralRepo, TERMINAL_STATUSES } from '../../domain/index.js';
import { applyTransition } from './apply-transition.js';
import { nowIso, type StoreContext } from './context.js';
import { insertFacts } from './facts-rows.js';
import { findByParties, setParties } from './referral-parties.js';
import { rowToReferral } from './referral-rows.js';

export function createReferralRepo(ctx: StoreContext): ReferralRepo {
  const find = (practiceId: string, id: string) =>
    ctx.db
      .selectFrom('referrals')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('id', '=', id)
      .executeTakeFirst();

  return {
    setParties: (practiceId, id, parties, sentAt) =>
      setParties(ctx, practiceId, id, parties, sentAt),
    findByParties: (practiceId, parties) => findByParties(ctx, practiceId, parties),

    async createReferral(input) {
      const now = nowIso(ctx);
      const result = await ctx.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('referrals')
          .values({
            id: input.id,
            practice_id: input.practiceId,
            thread_id: input.threadId,
            status: 'received',
            mode: 'assist',
            referral_type: 'unknown',
            pending_interrupt_id: null,
            pending_interrupt_kind: null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(['practice_id', 'id']).doNothing())
          .executeTakeFirst();
        await insertFacts(trx, {
          practiceId: input.practiceId,
          referralId: input.id,
          createdAt: now,
        });
        return inserted;
      });
      const row = await find(input.practiceId, input.id);
      if (row === undefined) throw new AppError('INTERNAL', 'Referral row missing after insert');
      return {
        created: Number(result.numInsertedOrUpdatedRows ?? 0) > 0,
        record: rowToReferral(row),
      };
    },

    async getReferral(practiceId, id) {
      const row = await find(practiceId, id);
      return row === undefined ? undefined : rowToReferral(row);
    },

    async listReferrals(query) {
      const rows = await ctx.db
        .selectFrom('referrals')
        .selectAll()
        .where('practice_id', '=', query.practiceId)
        .$if(query.status !== undefined, (q) => q.where('status', '=', query.status ?? ''))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      return rows.map(rowToReferral);
    },

    async listUnfinished() {
      const rows = await ctx.db
        .selectFrom('referrals')
        .selectAll()
        .where('status', 'not in', [...TERMINAL_STATUSES])
        .orderBy('created_at', 'asc')
        .orderBy('practice_id', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(rowToReferral);
    },

    async setPendingInterrupt(practiceId, id, pending) {
      const result = await ctx.db
        .updateTable('referrals')
        .set({
          pending_interrupt_id: pending?.id ?? null,
          pending_interrupt_kind: pending?.kind ?? null,
          updated_at: nowIso(ctx),
        })
        .where('practice_id', '=', practiceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw new AppError('NOT_FOUND', 'Referral not found', { details: { referralId: id } });
      }
    },

    applyTransition: (input) => applyTransition(ctx, input),
  };
}
