import { type Clock, type Logger, type TimerStore, toAppError } from '../domain/index.js';
import { createPoller } from './poller.js';

const BATCH = 200;

/**
 * Fires due timers: each becomes a `timeout` event in the inbox (in the transaction that removes
 * it), and the inbox worker applies it. Time comes from the clock, so tests move it.
 */
export function createTimerScheduler(o: {
  timers: TimerStore;
  clock: Clock;
  logger: Logger;
  pollMs: number;
  onFired: () => void;
}) {
  async function tick(): Promise<number> {
    let fired = 0;
    for (;;) {
      const batch = await o.timers.fireDue(o.clock.now(), BATCH);
      fired += batch.length;
      if (batch.length < BATCH) break;
    }
    if (fired > 0) {
      o.logger.info('timers fired', { count: fired });
      o.onFired();
    }
    return fired;
  }
  const poller = createPoller(
    async () => {
      await tick();
    },
    o.pollMs,
    (e) => o.logger.error('timer scheduler tick failed', { code: toAppError(e).code }),
  );
  return { ...poller, fireDue: tick };
}
