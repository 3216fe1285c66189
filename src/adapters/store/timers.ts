import type { Kysely } from 'kysely';
import { LoopEvent, type ReferralTimer, TimerKind, type TimerStore } from '../../domain/index.js';
import type { StoreContext } from './context.js';
import { insertLoopEvents } from './inbox.js';
import type { ReferralTimersTable, StoreDatabase } from './schema.js';

const rowToTimer = (row: ReferralTimersTable): ReferralTimer => ({
  practiceId: row.practice_id,
  referralId: row.referral_id,
  waitKey: row.wait_key,
  kind: TimerKind.parse(row.kind),
  dueAt: row.due_at,
});

/** The event a fired timer becomes; its id is the wait's, so a wait times out once. */
export function timeoutEvent(timer: ReferralTimer, now: Date): LoopEvent {
  return LoopEvent.parse({
    type: 'timeout',
    eventId: `timer|${timer.referralId}|${timer.waitKey}`,
    at: now.toISOString(),
    source: 'timer',
    timer: timer.kind,
    waitKey: timer.waitKey,
  });
}

/** Turns the timers into `timeout` inbox events and takes them off the table, in the caller's transaction. */
async function fire(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  timers: readonly ReferralTimer[],
  now: Date,
) {
  await insertLoopEvents(
    trx,
    ctx,
    timers.map((timer) => ({
      practiceId: timer.practiceId,
      referralId: timer.referralId,
      event: timeoutEvent(timer, now),
    })),
  );
  // One row per referral, locked by this transaction since the SELECT: its key is enough.
  for (const practiceId of new Set(timers.map((t) => t.practiceId))) {
    const mine = timers.filter((t) => t.practiceId === practiceId);
    await trx
      .deleteFrom('referral_timers')
      .where('practice_id', '=', practiceId)
      .where(
        'referral_id',
        'in',
        mine.map((t) => t.referralId),
      )
      .where(
        'wait_key',
        'in',
        mine.map((t) => t.waitKey),
      )
      .execute();
  }
}

export function createTimerStore(ctx: StoreContext): TimerStore {
  return {
    async set(timer) {
      await ctx.db
        .insertInto('referral_timers')
        .values({
          practice_id: timer.practiceId,
          referral_id: timer.referralId,
          wait_key: timer.waitKey,
          kind: timer.kind,
          due_at: timer.dueAt,
        })
        .onConflict((oc) =>
          oc.columns(['practice_id', 'referral_id']).doUpdateSet({
            wait_key: timer.waitKey,
            kind: timer.kind,
            due_at: timer.dueAt,
          }),
        )
        .execute();
    },

    async clear(practiceId, referralId) {
      await ctx.db
        .deleteFrom('referral_timers')
        .where('practice_id', '=', practiceId)
        .where('referral_id', '=', referralId)
        .execute();
    },

    async get(practiceId, referralId) {
      const row = await ctx.db
        .selectFrom('referral_timers')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('referral_id', '=', referralId)
        .executeTakeFirst();
      return row ? rowToTimer(row) : undefined;
    },

    fireDue(now, limit) {
      return ctx.db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('referral_timers')
          .selectAll()
          .where('due_at', '<=', now.toISOString())
          .orderBy('due_at', 'asc')
          .limit(limit)
          // Another worker firing at the same moment skips the rows this one holds. The audit lock
          // is taken after these row locks (unlike elsewhere), so two workers fire different timers
          // at once; no transaction holding the audit lock touches referral_timers, so none waits
          // on these rows while holding it.
          .$if(ctx.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
          .execute();
        const fired = rows.map(rowToTimer);
        if (fired.length > 0) await fire(trx, ctx, fired, now);
        return fired;
      });
    },
  };
}
