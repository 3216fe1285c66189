import { createHash } from 'node:crypto';
import { AppError, CoordinatorTask, type Store } from '../domain/index.js';

const mismatch = () =>
  new AppError('IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was used with other parameters');

/**
 * Completes a coordinator task once per Idempotency-Key: the key is claimed in the transaction
 * that marks the task done, so a retry gets the first answer; a key used with other parameters
 * (another task, another note, another kind of request) is refused. Completing a task that is
 * already done answers with the task.
 */
export async function completeTaskOnce(
  input: { practiceId: string; taskId: string; key: string; note: string | null; actor: string },
  deps: { store: Store },
): Promise<CoordinatorTask> {
  const { practiceId, taskId, key, note } = input;
  const requestHash = createHash('sha256')
    .update(JSON.stringify(['task.complete', taskId, note]))
    .digest('hex');
  const stored = await deps.store.idempotency.get(practiceId, key);
  if (stored && stored.requestHash !== requestHash) throw mismatch();
  if (stored && stored.body !== null) return CoordinatorTask.parse(stored.body);

  const { task } = await deps.store.tasks.complete({
    practiceId,
    taskId,
    actor: input.actor,
    note,
    receipt: { key, requestHash },
  });
  await deps.store.idempotency.save(practiceId, key, { requestHash, statusCode: 200, body: task });
  // Another request may have claimed the key between the read above and the completion.
  const first = await deps.store.idempotency.get(practiceId, key);
  if (first && first.requestHash !== requestHash) throw mismatch();
  return first?.body ? CoordinatorTask.parse(first.body) : task;
}
