import { AppError, type InboundEvent, type Inbox, ReferralEvent } from '../../domain/index.js';
import { appendAudit, lockAuditChain } from './audit-chain.js';
import { nowIso, type StoreContext } from './context.js';
import type { WebhookInboxTable } from './schema.js';

function rowToInbound(row: WebhookInboxTable): InboundEvent {
  return {
    webhookId: row.webhook_id,
    practiceId: row.practice_id,
    referralId: row.referral_id,
    event: ReferralEvent.parse(JSON.parse(row.event_json)),
    status: row.status as InboundEvent['status'],
    receivedAt: row.received_at,
  };
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
