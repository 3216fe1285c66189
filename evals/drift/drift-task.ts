import { type CoordinatorTask, type TaskQueue, utcDate } from '../../src/domain/index.js';

/** One key per practice and UTC day: a check run twice in a day finds the task it opened. */
export const driftTaskKey = (practiceId: string, now: Date) =>
  `drift-alert|${practiceId}|${utcDate(now.getTime())}`;

/** Opens (or finds) the day's drift task for a coordinator, listing the alerts. */
export function openDriftTask(
  tasks: Pick<TaskQueue, 'create'>,
  practiceId: string,
  now: Date,
  alerts: readonly string[],
): Promise<CoordinatorTask> {
  const day = utcDate(now.getTime());
  return tasks.create({
    practiceId,
    referralId: null,
    key: driftTaskKey(practiceId, now),
    task: {
      kind: 'drift_alert',
      title: `Drift check ${day}: ${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}`,
      detail: alerts.map((a) => `- ${a}`).join('\n'),
    },
  });
}
