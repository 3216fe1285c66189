import type { Kysely } from 'kysely';
import {
  AppError,
  type DeliveryResult,
  LoopEvent,
  type Outbox,
  type OutboxMessage,
} from '../../domain/index.js';
import { appendAudit, lockAuditChain } from './audit-chain.js';
import { nowIso, type StoreContext } from './context.js';
import { insertLoopEvent } from './inbox.js';
import { deliveredAction, payloadFacts, rowToMessage } from './outbox-rows.js';
import type { StoreDatabase } from './schema.js';
import { insertTask } from './task-queue.js';

export function createOutbox(ctx: StoreContext): Outbox {
  return {
    claim({ now, limit, leaseMs }) {
      const nowText = now.toISOString();
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      return ctx.db.transaction().execute(async (trx) => {
        const due = trx
          .selectFrom('outbox')
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', nowText)]),
              eb.and([eb('state', '=', 'sending'), eb('lease_until', '<', nowText)]),
            ]),
          )
          // One referral's messages leave in the order they were queued: a row waits for its elders.
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('outbox as earlier')
                  .select('earlier.id')
                  .whereRef('earlier.practice_id', '=', 'outbox.practice_id')
                  .whereRef('earlier.referral_id', '=', 'outbox.referral_id')
                  .whereRef('earlier.id', '<', 'outbox.id')
                  .where('earlier.state', 'in', ['pending', 'sending']),
              ),
            ),
          )
          .orderBy('id', 'asc')
          .limit(limit)
          // Two workers never lease one row: the second skips rows the first has locked.
          .$if(ctx.dialect === 'postgres', (q) => q.forUpdate().skipLocked());
        const rows = await trx
          .updateTable('outbox')
          .set((eb) => ({
            state: 'sending',
            attempts: eb('attempts', '+', 1),
            lease_until: leaseUntil,
            updated_at: nowIso(ctx),
          }))
          .where('id', 'in', due)
          .returningAll()
          .execute();
        rows.sort((a, b) => a.id.localeCompare(b.id));
        return rows.map(rowToMessage);
      });
    },

    complete(id, result) {
      return ctx.db.transaction().execute((trx) => completeDelivery(trx, ctx, id, result));
    },

    async listForReferral(practiceId, referralId) {
      const rows = await ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('referral_id', '=', referralId)
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(rowToMessage);
    },
  };
}

/**
 * The referral packet's final outcome wakes the referral (it is `sent` only once a channel took
 * it), recorded in the transaction that records the outcome, so it cannot be lost.
 */
async function reportPacketOutcome(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  message: OutboxMessage,
  result: DeliveryResult,
): Promise<void> {
  const { payload } = message;
  if (payload.kind !== 'specialist_message' || (payload.purpose ?? 'referral') !== 'referral')
    return;
  if (!result.ok && result.retryAt !== null) return;
  const event = result.ok
    ? { type: 'delivered' as const, channel: payload.recipient.channel }
    : { type: 'delivery_failed' as const, channel: payload.recipient.channel, error: result.error };
  await insertLoopEvent(trx, ctx, {
    practiceId: message.practiceId,
    referralId: message.referralId,
    event: LoopEvent.parse({
      ...event,
      eventId: `outbox|${message.id}`,
      at: nowIso(ctx),
      source: 'channel',
    }),
  });
}

async function completeDelivery(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  id: string,
  result: DeliveryResult,
): Promise<void> {
  const audited = result.ok || result.retryAt === null;
  if (audited) await lockAuditChain(trx, ctx);
  const row = await trx
    .selectFrom('outbox')
    .selectAll()
    .where('id', '=', id)
    .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (row === undefined) {
    throw new AppError('NOT_FOUND', 'Outbox message not found', { details: { outboxId: id } });
  }
  // A final state is final: a late report from a worker whose lease expired changes nothing.
  if (row.state === 'sent' || row.state === 'failed' || row.state === 'withdrawn') return;
  const message = rowToMessage(row);
  const now = nowIso(ctx);
  const facts = { ...payloadFacts(message.payload), outboxId: id, idemKey: message.idemKey };
  const base = { practiceId: message.practiceId, referralId: message.referralId, actor: 'system' };

  await reportPacketOutcome(trx, ctx, message, result);
  if (result.ok) {
    await trx
      .updateTable('outbox')
      .set({ state: 'sent', external_id: result.externalId, lease_until: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      ...base,
      action: deliveredAction(message.payload),
      data: { ...facts, externalId: result.externalId },
    });
    return;
  }
  if (result.retryAt !== null) {
    await trx
      .updateTable('outbox')
      .set({
        state: 'pending',
        next_attempt_at: result.retryAt.toISOString(),
        lease_until: null,
        last_error: result.error,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    return;
  }
  await trx
    .updateTable('outbox')
    .set({ state: 'failed', lease_until: null, last_error: result.error, updated_at: now })
    .where('id', '=', id)
    .execute();
  await appendAudit(trx, ctx, {
    ...base,
    action: 'outbox.failed',
    data: { ...facts, attempts: message.attempts },
  });
  await insertTask(
    trx,
    ctx,
    {
      practiceId: message.practiceId,
      referralId: message.referralId,
      key: `outbox-failed|${id}`,
      task: {
        kind: 'delivery_failed',
        title: `Delivery failed: ${message.payload.kind}`,
        detail: `Outbox message ${id} failed after ${message.attempts} attempt(s): ${result.error}`,
      },
    },
    'system',
  );
}
