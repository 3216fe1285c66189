import { type AnalyticsFilter, creationWindow, DAY_MS, utcDate } from '../../src/domain/index.js';

/** A span of whole UTC days of referral creation: `from` to `to`, both inclusive. */
export interface DayWindow {
  filter: Required<Pick<AnalyticsFilter, 'from' | 'to'>>;
  fromMs: number;
  /** The start of the day after `to`. */
  untilMs: number;
}

function windowOf(from: string, to: string): DayWindow {
  const { fromMs = 0, untilMs = 0 } = creationWindow({ from, to });
  return { filter: { from, to }, fromMs, untilMs };
}

/**
 * The current window: the `currentDays` UTC days ending with `now`'s day (so today, as far as it
 * has gone); the baseline: the `baselineDays` days just before it.
 */
export function driftWindows(
  now: Date,
  baselineDays: number,
  currentDays: number,
): { baseline: DayWindow; current: DayWindow } {
  if (!Number.isInteger(baselineDays) || baselineDays < 1) {
    throw new RangeError('baselineDays must be a whole number of days, at least 1');
  }
  if (!Number.isInteger(currentDays) || currentDays < 1) {
    throw new RangeError('currentDays must be a whole number of days, at least 1');
  }
  const today = Date.parse(utcDate(now.getTime()));
  const currentFrom = today - (currentDays - 1) * DAY_MS;
  const baselineTo = currentFrom - DAY_MS;
  return {
    baseline: windowOf(utcDate(baselineTo - (baselineDays - 1) * DAY_MS), utcDate(baselineTo)),
    current: windowOf(utcDate(currentFrom), utcDate(today)),
  };
}

export const describeWindow = (w: DayWindow) => `${w.filter.from}..${w.filter.to}`;
