import type { Clock } from '../../src/domain/index.js';

/** A clock a test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start).getTime();
  const clock: Clock & { advance(ms: number): void; set(iso: string): void } = {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
    set(iso) {
      now = new Date(iso).getTime();
    },
  };
  return clock;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
