import type { Hl7Log, Hl7Receipt } from '../../domain/index.js';
import { Hl7AckCode } from '../../domain/index.js';
import { appendAudit, lockAuditChain } from './audit-chain.js';
import { nowIso, type StoreContext } from './context.js';
import { insertDocument } from './documents.js';
import { insertLoopEvent } from './inbox.js';
import type { Hl7MessagesTable } from './schema.js';
import { insertTask } from './task-queue.js';

const rowToReceipt = (row: Hl7MessagesTable): Hl7Receipt => ({
  controlId: row.control_id,
  sendingFacility: row.sending_facility,
  messageType: row.message_type,
  ack: row.ack,
  ackCode: Hl7AckCode.parse(row.ack_code),
  disposition: row.disposition as Hl7Receipt['disposition'],
  referralId: row.referral_id,
  problem: row.problem,
});

export function createHl7Log(ctx: StoreContext): Hl7Log {
  return {
    async find(practiceId, sendingFacility, controlId) {
      const row = await ctx.db
        .selectFrom('hl7_messages')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('sending_facility', '=', sendingFacility)
        .where('control_id', '=', controlId)
        .executeTakeFirst();
      return row ? rowToReceipt(row) : undefined;
    },

    record({ practiceId, receipt, event, task, document }) {
      return ctx.db.transaction().execute(async (trx) => {
        await lockAuditChain(trx, ctx);
        const inserted = await trx
          .insertInto('hl7_messages')
          .values({
            practice_id: practiceId,
            sending_facility: receipt.sendingFacility,
            control_id: receipt.controlId,
            message_type: receipt.messageType,
            ack: receipt.ack,
            ack_code: receipt.ackCode,
            disposition: receipt.disposition,
            referral_id: receipt.referralId,
            problem: receipt.problem,
            received_at: nowIso(ctx),
          })
          .onConflict((oc) =>
            oc.columns(['practice_id', 'sending_facility', 'control_id']).doNothing(),
          )
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
          const first = await trx
            .selectFrom('hl7_messages')
            .selectAll()
            .where('practice_id', '=', practiceId)
            .where('sending_facility', '=', receipt.sendingFacility)
            .where('control_id', '=', receipt.controlId)
            .executeTakeFirstOrThrow();
          return rowToReceipt(first);
        }
        await appendAudit(trx, ctx, {
          practiceId,
          referralId: receipt.referralId,
          actor: 'hl7',
          action: 'hl7.received',
          data: {
            type: receipt.messageType,
            ackCode: receipt.ackCode,
            disposition: receipt.disposition,
            problem: receipt.problem,
          },
        });
        if (document) await insertDocument(trx, ctx, document);
        if (event) await insertLoopEvent(trx, ctx, { practiceId, ...event });
        if (task) {
          await insertTask(
            trx,
            ctx,
            { practiceId, referralId: receipt.referralId, key: task.key, task: task.task },
            'hl7',
          );
        }
        return receipt;
      });
    },
  };
}
