import {
  AppError,
  canTransition,
  ReferralStatus,
  type TransitionInput,
} from '../../domain/index.js';
import { appendAudit, lockAuditChain } from './audit-chain.js';
import { nowIso, type StoreContext } from './context.js';
import { recordFacts } from './facts-rows.js';
import { insertReceipt } from './idempotency.js';
import { enqueueOutbox, withdrawQueued } from './outbox-rows.js';
import { recordOutcome } from './outcomes.js';
import { closeOpenTasks, insertTask } from './task-queue.js';

/**
 * One transaction: key guard, legality check, status update, audit event, outbox rows, tasks,
 * and the Idempotency-Key of the request that decided the move. Any failure (including an audit
 * insert) rolls the whole move back.
 */
export function applyTransition(
  ctx: StoreContext,
  input: TransitionInput,
): Promise<{ applied: boolean; status: ReferralStatus }> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockAuditChain(trx, ctx);
    const row = await trx
      .selectFrom('referrals')
      .select(['status', 'created_at'])
      .where('practice_id', '=', input.practiceId)
      .where('id', '=', input.referralId)
      .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (row === undefined) {
      throw new AppError('NOT_FOUND', 'Referral not found', {
        details: { referralId: input.referralId },
      });
    }
    const from = ReferralStatus.parse(row.status);
    const seen = await trx
      .selectFrom('referral_transitions')
      .select('key')
      .where('practice_id', '=', input.practiceId)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (seen !== undefined) return { applied: false, status: from };

    const to = input.to;
    if (from !== to && !canTransition(from, to)) {
      throw new AppError('INVALID_TRANSITION', `Referral cannot move from ${from} to ${to}`, {
        details: { from, to },
      });
    }
    const now = nowIso(ctx);
    await trx
      .insertInto('referral_transitions')
      .values({
        key: input.key,
        practice_id: input.practiceId,
        referral_id: input.referralId,
        from_status: from,
        to_status: to,
        applied_at: now,
      })
      .execute();
    await trx
      .updateTable('referrals')
      .set({
        status: to,
        updated_at: now,
        ...(input.meta ? { referral_type: input.meta.referralType, mode: input.meta.mode } : {}),
      })
      .where('practice_id', '=', input.practiceId)
      .where('id', '=', input.referralId)
      .execute();
    await appendAudit(trx, ctx, {
      practiceId: input.practiceId,
      referralId: input.referralId,
      actor: input.actor,
      action: 'referral.transition',
      // from/to/key last, so caller data cannot overwrite them.
      data: { ...input.data, from, to, key: input.key },
    });
    const recalled = input.recall
      ? await withdrawQueued(trx, ctx, {
          practiceId: input.practiceId,
          referralId: input.referralId,
          kinds: input.recall.kinds,
          actor: input.actor,
        })
      : null;
    await enqueueOutbox(trx, ctx, {
      practiceId: input.practiceId,
      referralId: input.referralId,
      transitionKey: input.key,
      actor: input.actor,
      payloads: [
        ...(input.outbox ?? []),
        ...(recalled?.tooLate ? (input.recall?.ifTooLate ?? []) : []),
      ],
    });
    for (const [i, task] of (input.tasks ?? []).entries()) {
      await insertTask(
        trx,
        ctx,
        {
          practiceId: input.practiceId,
          referralId: input.referralId,
          key: `${input.key}|task|${i}`,
          task,
        },
        input.actor,
      );
    }
    if (input.closeTasks?.length) {
      await closeOpenTasks(trx, ctx, {
        practiceId: input.practiceId,
        referralId: input.referralId,
        kinds: input.closeTasks,
        actor: input.actor,
      });
    }
    if (input.receipt) await insertReceipt(trx, ctx, input.practiceId, input.receipt);
    if (input.outcome) await recordOutcome(trx, input.practiceId, input.referralId, input.outcome);
    await recordFacts(trx, {
      practiceId: input.practiceId,
      referralId: input.referralId,
      createdAt: row.created_at,
      from,
      to,
      at: now,
      facts: input.facts,
    });
    return { applied: true, status: to };
  });
}
