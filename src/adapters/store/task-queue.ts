import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  AppError,
  CoordinatorTask,
  type TaskDraft,
  type TaskKind,
  type TaskQueue,
} from '../../domain/index.js';
import { appendAudit, lockAuditChain } from './audit-chain.js';
import { nowIso, type StoreContext } from './context.js';
import { insertReceipt } from './idempotency.js';
import type { CoordinatorTasksTable, StoreDatabase } from './schema.js';

export interface NewTask {
  practiceId: string;
  referralId: string | null;
  key: string;
  task: TaskDraft;
}

export function rowToTask(row: CoordinatorTasksTable): CoordinatorTask {
  return CoordinatorTask.parse({
    id: row.id,
    practiceId: row.practice_id,
    referralId: row.referral_id,
    kind: row.kind,
    title: row.title,
    detail: row.detail,
    status: row.status,
    createdAt: row.created_at,
  });
}

/**
 * Inserts the task unless its key exists (then returns the stored one), inside the caller's
 * transaction; a new task is audited as 'task.created' (kind and id only: titles may carry PHI).
 */
export async function insertTask(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  input: NewTask,
  actor: string,
): Promise<CoordinatorTask> {
  const id = randomUUID();
  const inserted = await trx
    .insertInto('coordinator_tasks')
    .values({
      id,
      key: input.key,
      practice_id: input.practiceId,
      referral_id: input.referralId,
      kind: input.task.kind,
      title: input.task.title,
      detail: input.task.detail,
      status: 'open',
      created_at: nowIso(ctx),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  const row = await trx
    .selectFrom('coordinator_tasks')
    .selectAll()
    .where('key', '=', input.key)
    .where('practice_id', '=', input.practiceId)
    .executeTakeFirst();
  if (row === undefined) {
    throw new AppError('CONFLICT', 'Task key is already used by another practice', {
      details: { key: input.key },
    });
  }
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    await appendAudit(trx, ctx, {
      practiceId: input.practiceId,
      referralId: input.referralId,
      actor,
      action: 'task.created',
      data: { taskId: id, taskKind: input.task.kind, key: input.key },
    });
  }
  return rowToTask(row);
}

/**
 * Marks the referral's open tasks of these kinds done inside the caller's transaction (the move
 * that made their work moot), each audited as 'task.completed' by the move's actor.
 */
export async function closeOpenTasks(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  input: { practiceId: string; referralId: string; kinds: readonly TaskKind[]; actor: string },
): Promise<void> {
  const open = await trx
    .selectFrom('coordinator_tasks')
    .select(['id', 'kind'])
    .where('practice_id', '=', input.practiceId)
    .where('referral_id', '=', input.referralId)
    .where('status', '=', 'open')
    .where('kind', 'in', [...input.kinds])
    .execute();
  if (open.length === 0) return;
  await trx
    .updateTable('coordinator_tasks')
    .set({ status: 'done' })
    .where(
      'id',
      'in',
      open.map((t) => t.id),
    )
    .execute();
  for (const task of open) {
    await appendAudit(trx, ctx, {
      practiceId: input.practiceId,
      referralId: input.referralId,
      actor: input.actor,
      action: 'task.completed',
      data: { taskId: task.id, taskKind: task.kind, noteLength: 0 },
    });
  }
}

export function createTaskQueue(ctx: StoreContext): TaskQueue {
  return {
    create(input) {
      return ctx.db.transaction().execute(async (trx) => {
        await lockAuditChain(trx, ctx);
        return insertTask(trx, ctx, input, 'system');
      });
    },

    async list(practiceId, query) {
      let select = ctx.db
        .selectFrom('coordinator_tasks')
        .selectAll()
        .where('practice_id', '=', practiceId);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
      if (query.referralId !== undefined)
        select = select.where('referral_id', '=', query.referralId);
      if (query.limit !== undefined) select = select.limit(query.limit);
      const rows = await select.orderBy('created_at', 'desc').orderBy('key', 'desc').execute();
      return rows.map(rowToTask);
    },

    complete(input) {
      return ctx.db.transaction().execute(async (trx) => {
        await lockAuditChain(trx, ctx);
        const mine = trx
          .selectFrom('coordinator_tasks')
          .selectAll()
          .where('id', '=', input.taskId)
          .where('practice_id', '=', input.practiceId);
        if ((await mine.executeTakeFirst()) === undefined) {
          throw new AppError('NOT_FOUND', 'Task not found');
        }
        // Only the request that moves it from open to done audits it; a repeat finds it done.
        const moved = await trx
          .updateTable('coordinator_tasks')
          .set({ status: 'done' })
          .where('id', '=', input.taskId)
          .where('practice_id', '=', input.practiceId)
          .where('status', '=', 'open')
          .executeTakeFirst();
        const row = await mine.executeTakeFirstOrThrow();
        const completed = Number(moved.numUpdatedRows) > 0;
        if (completed) {
          await appendAudit(trx, ctx, {
            practiceId: input.practiceId,
            referralId: row.referral_id,
            actor: input.actor,
            action: 'task.completed',
            data: { taskId: row.id, taskKind: row.kind, noteLength: input.note?.length ?? 0 },
          });
        }
        if (input.receipt) await insertReceipt(trx, ctx, input.practiceId, input.receipt);
        return { task: rowToTask(row), completed };
      });
    },
  };
}
