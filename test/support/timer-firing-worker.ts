/**
 * One process of the multi-process timer test: opens the PostgreSQL store on `--schema`, runs the
 * timer scheduler's pass (as `startService` composes it) until nothing is due at `--at`, and
 * prints the timers this process fired as one JSON line on stdout.
 * Usage: node --import tsx test/support/timer-firing-worker.ts --url <pg url> --schema <s> --at <iso>
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../../src/adapters/log/index.js';
import { openStore } from '../../src/adapters/store/index.js';
import type { ReferralTimer, TimerStore } from '../../src/domain/index.js';
import { createTimerScheduler } from '../../src/runtime/index.js';

export interface TimerWorkerReport {
  pid: number;
  /** `referralId|waitKey` of every timer this process's `fireDue` returned. */
  fired: string[];
  /** How many scheduler passes it ran (the last one found nothing). */
  passes: number;
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    schema: { type: 'string' },
    at: { type: 'string' },
  },
});
if (!values.url || !values.schema || !values.at) throw new Error('--url, --schema and --at');
const at = new Date(values.at);

const opened = await openStore({ kind: 'postgres', url: values.url }, { pgSchema: values.schema });
const fired: ReferralTimer[] = [];
const timers: TimerStore = {
  ...opened.store.timers,
  async fireDue(now, limit) {
    const batch = await opened.store.timers.fireDue(now, limit);
    fired.push(...batch);
    return batch;
  },
};
const scheduler = createTimerScheduler({
  timers,
  clock: { now: () => at },
  logger: createLogger('silent'),
  pollMs: 60_000,
  onFired: () => {},
});
let passes = 1;
// A pass stops at a short batch, which is also what rows held by the other process look like.
while ((await scheduler.fireDue()) > 0) passes++;
await opened.close();
const report: TimerWorkerReport = {
  pid: process.pid,
  fired: fired.map((t) => `${t.referralId}|${t.waitKey}`),
  passes,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
