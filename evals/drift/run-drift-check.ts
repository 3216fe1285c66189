import type { CoordinatorTask, DirectoryRepo, TaskQueue } from '../../src/domain/index.js';
import { SuiteResult } from '../core/suite.js';
import { checkDirectory } from './directory-shift.js';
import { openDriftTask } from './drift-task.js';
import { recommendationDrift } from './recommendation-drift.js';
import { DriftThresholds, type DriftThresholdsInput } from './thresholds.js';
import { type DriftSources, readWindows } from './window-records.js';
import { describeWindow, driftWindows } from './windows.js';

export interface DriftCheckOptions {
  /** The opened store (`openStore`), or the parts of it read and written here. */
  store: DriftSources & {
    store: DriftSources['store'] & {
      directory: Pick<DirectoryRepo, 'listImports' | 'counts'>;
      tasks: Pick<TaskQueue, 'create'>;
    };
  };
  /** The practice whose referrals are compared and to which the task goes. */
  practiceId: string;
  now: Date;
  baselineDays: number;
  currentDays: number;
  thresholds?: DriftThresholdsInput;
  /** Open one coordinator task (per practice and day) when there are alerts. */
  openTask: boolean;
}

export interface DriftCheck {
  result: SuiteResult;
  /** Plain sentences, one per metric out of its bound; non-empty: the caller exits non-zero. */
  alerts: string[];
  /** The day's drift task, when one was asked for and there are alerts. */
  task: CoordinatorTask | null;
}

/**
 * Directory drift between imports and recommendation drift between a baseline and a current
 * window of the service's own records; alerts past the thresholds, and the task that carries them.
 */
export async function runDriftCheck(options: DriftCheckOptions): Promise<DriftCheck> {
  const started = performance.now();
  const t = DriftThresholds.parse(options.thresholds ?? {});
  const windows = driftWindows(options.now, options.baselineDays, options.currentDays);
  const names = {
    baseline: describeWindow(windows.baseline),
    current: describeWindow(windows.current),
  };
  const { store } = options.store;
  const [directory, records] = await Promise.all([
    checkDirectory(store.directory, t),
    readWindows(options.store, options.practiceId, windows),
  ]);
  const recommendations = recommendationDrift(records.baseline, records.current, t, names);
  const findings = [...directory.findings, ...recommendations.findings];
  const alerts = findings.flatMap((f) => (f.alert === null ? [] : [f.alert]));
  const task =
    options.openTask && alerts.length > 0
      ? await openDriftTask(store.tasks, options.practiceId, options.now, alerts)
      : null;
  const result = SuiteResult.parse({
    suite: 'drift',
    title: 'Drift: directory imports and recommendations',
    path: 'records',
    dataset: {
      name: `records:${options.practiceId}`,
      version: `${windows.baseline.filter.from}..${windows.current.filter.to}`,
      cases: records.baseline.created + records.current.created,
    },
    metrics: findings.map((f) => f.metric),
    tables: [...directory.tables, ...recommendations.tables],
    histograms: recommendations.histograms,
    notes: [
      `Baseline ${names.baseline} (${records.baseline.created} referrals) against current ` +
        `${names.current} (${records.current.created} referrals), by UTC creation day.`,
      ...directory.notes,
      ...recommendations.notes,
      ...(task ? [`Alerts went to coordinator task ${task.id} (${task.title}).`] : []),
    ],
    seconds: (performance.now() - started) / 1000,
  });
  return { result, alerts, task };
}
