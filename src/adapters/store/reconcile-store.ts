import {
  type ReconcileStore,
  type ReconcileView,
  ReferralEventType,
  ReferralStatus,
} from '../../domain/index.js';
import { nowIso, type StoreContext } from './context.js';

/** Ids per query: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Cursors are stored as ISO 8601 UTC with milliseconds, so they compare as strings. */
function normalized(cursor: string): string {
  const ms = Date.parse(cursor);
  if (Number.isNaN(ms)) throw new TypeError('reconcile cursor must be an ISO 8601 instant');
  return new Date(ms).toISOString();
}

export function createReconcileStore(ctx: StoreContext): ReconcileStore {
  async function lookUpChunk(practiceId: string, ids: string[], views: Map<string, ReconcileView>) {
    const [referrals, sends, pending] = await Promise.all([
      ctx.db
        .selectFrom('referrals')
        .select(['id', 'status'])
        .where('practice_id', '=', practiceId)
        .where('id', 'in', ids)
        .execute(),
      ctx.db
        .selectFrom('referral_transitions')
        .select(['referral_id', (eb) => eb.fn.max('applied_at').as('sent_at')])
        .where('practice_id', '=', practiceId)
        .where('referral_id', 'in', ids)
        .where('to_status', '=', 'sent')
        .groupBy('referral_id')
        .execute(),
      ctx.db
        .selectFrom('webhook_inbox')
        .select(['referral_id', 'type'])
        .distinct()
        .where('practice_id', '=', practiceId)
        .where('referral_id', 'in', ids)
        .where('status', '=', 'pending')
        .execute(),
    ]);
    const sentAt = new Map(sends.map((s) => [s.referral_id, s.sent_at]));
    for (const r of referrals) {
      const view = views.get(r.id);
      if (view) {
        view.tracked = { status: ReferralStatus.parse(r.status), sentAt: sentAt.get(r.id) ?? null };
      }
    }
    for (const p of pending) {
      const type = ReferralEventType.safeParse(p.type);
      if (type.success) views.get(p.referral_id)?.pending.push(type.data);
    }
  }

  return {
    async cursor(practiceId) {
      const row = await ctx.db
        .selectFrom('reconcile_cursors')
        .select('cursor')
        .where('practice_id', '=', practiceId)
        .executeTakeFirst();
      return row?.cursor;
    },

    async advance(practiceId, cursor) {
      const value = normalized(cursor);
      await ctx.db
        .insertInto('reconcile_cursors')
        .values({ practice_id: practiceId, cursor: value, updated_at: nowIso(ctx) })
        .onConflict((oc) =>
          oc
            .column('practice_id')
            .doUpdateSet((eb) => ({
              cursor: eb.ref('excluded.cursor'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where('reconcile_cursors.cursor', '<', value),
        )
        .execute();
    },

    async lookUp(practiceId, referralIds) {
      const ids = [...new Set(referralIds)];
      const views = new Map<string, ReconcileView>(
        ids.map((id) => [id, { tracked: null, pending: [] }]),
      );
      for (const chunk of chunks(ids)) await lookUpChunk(practiceId, chunk, views);
      return views;
    },
  };
}
