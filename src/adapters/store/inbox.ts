import type { Kysely } from 'kysely';
import {
  AppError,
  type InboundEvent,
  type Inbox,
  LoopEvent,
  ReferralEvent,
} from '../../domain/index.js';
import { appendAudit, appendAudits, lockAuditChain } from './audit-chain.js';
import { nowIso, type StoreContext } from './context.js';
import type { StoreDatabase, WebhookInboxTable } from './schema.js';

/** Loop events share the inbox with the EHR's webhooks; their type column says which is which. */
const LOOP_PREFIX = 'loop.';

function rowToInbound(row: WebhookInboxTable): InboundEvent {
  const base = {
    webhookId: row.webhook_id,
    practiceId: row.practice_id,
    referralId: row.referral_id,
    status: row.status as InboundEvent['status'],
    receivedAt: row.received_at,
  };
  const json: unknown = JSON.parse(row.event_json);
  return row.type.startsWith(LOOP_PREFIX)
    ? { ...base, origin: 'loop', event: LoopEvent.parse(json) }
    : { ...base, origin: 'ehr', event: ReferralEvent.parse(json) };
}

/**
 * Records loop events inside the caller's transaction (which holds the audit chain's lock), in
 * one INSERT and one audit batch; returns the ids of those recorded before (duplicates).
 */
export async function insertLoopEvents(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  inputs: readonly { practiceId: string; referralId: string; event: LoopEvent }[],
): Promise<Set<string>> {
  if (inputs.length === 0) return new Set();
  const at = nowIso(ctx);
  const rows = inputs.map((input) => {
    const event = LoopEvent.parse(input.event);
    return {
      input: { ...input, event },
      row: {
        webhook_id: `loop|${input.practiceId}|${event.eventId}`,
        practice_id: input.practiceId,
        referral_id: input.referralId,
        type: `${LOOP_PREFIX}${event.type}`,
        event_json: JSON.stringify(event),
        status: 'pending',
        detail: null,
        received_at: at,
        completed_at: null,
      },
    };
  });
  const inserted = await trx
    .insertInto('webhook_inbox')
    .values(rows.map((r) => r.row))
    .onConflict((oc) => oc.column('webhook_id').doNothing())
    .returning('webhook_id')
    .execute();
  const recorded = new Set(inserted.map((r) => r.webhook_id));
  await appendAudits(
    trx,
    ctx,
    rows
      .filter((r) => recorded.has(r.row.webhook_id))
      .map(({ input }) => ({
        practiceId: input.practiceId,
        referralId: input.referralId,
        actor: input.event.source,
        action: 'event.recorded' as const,
        data: {
          type: input.event.type,
          source: input.event.source,
          timer: input.event.timer ?? null,
        },
      })),
  );
  return new Set(rows.map((r) => r.row.webhook_id).filter((id) => !recorded.has(id)));
}

/** Records one loop event (see `insertLoopEvents`); `duplicate` when its id was recorded before. */
export async function insertLoopEvent(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  input: { practiceId: string; referralId: string; event: LoopEvent },
): Promise<{ duplicate: boolean }> {
  const duplicates = await insertLoopEvents(trx, ctx, [input]);
  return { duplicate: duplicates.size > 0 };
}

export function createInbox(ctx: StoreContext): Inbox {
  return {
    record({ webhookId, practiceId, event }) {
      const valid = ReferralEvent.parse(event);
      return ctx.db.transaction().execute(async (trx) => {
        await lockAuditChain(trx, ctx);
        const inserted = await trx
          .insertInto('webhook_inbox')
          .values({
            webhook_id: webhookId,
            practice_id: practiceId,
            referral_id: valid.data.referral_id,
            type: valid.type,
            event_json: JSON.stringify(valid),
            status: 'pending',
            detail: null,
            received_at: nowIso(ctx),
            completed_at: null,
          })
          .onConflict((oc) => oc.column('webhook_id').doNothing())
          .executeTakeFirst();
        const duplicate = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0;
        const row = await trx
          .selectFrom('webhook_inbox')
          .selectAll()
          .where('webhook_id', '=', webhookId)
          .executeTakeFirstOrThrow();
        await appendAudit(trx, ctx, {
          practiceId: row.practice_id,
          referralId: row.referral_id,
          actor: 'ehr',
          action: duplicate ? 'webhook.duplicate' : 'webhook.accepted',
          data: { webhookId, type: valid.type },
        });
        return { duplicate, inbound: rowToInbound(row) };
      });
    },

    recordLoopEvent(input) {
      return ctx.db.transaction().execute(async (trx) => {
        await lockAuditChain(trx, ctx);
        return insertLoopEvent(trx, ctx, input);
      });
    },

    async pending(limit) {
      const rows = await ctx.db
        .selectFrom('webhook_inbox')
        .selectAll()
        .where('status', '=', 'pending')
        .orderBy('received_at', 'asc')
        .orderBy('webhook_id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(rowToInbound);
    },

    async complete(webhookId, status, detail) {
      const result = await ctx.db
        .updateTable('webhook_inbox')
        .set({ status, detail, completed_at: nowIso(ctx) })
        .where('webhook_id', '=', webhookId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw new AppError('NOT_FOUND', 'Inbound event not found', { details: { webhookId } });
      }
    },
  };
}
