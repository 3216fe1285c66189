import { DAY_MS, type DurationQuantiles } from './analytics.js';

export const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * DAY_MS;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The p-th percentile (0–100) of ascending values, interpolated between the closest ranks. */
function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = sorted[Math.floor(rank)] ?? 0;
  const hi = sorted[Math.ceil(rank)] ?? 0;
  return lo + (hi - lo) * (rank - Math.floor(rank));
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(Float64Array.from(values).sort(), p);
}

/**
 * The median of durations in milliseconds, in `unitMs` (two decimals), as `summarizeOutcomes`
 * takes it: a negative duration counts as none.
 */
export function medianDuration(durationsMs: readonly number[], unitMs: number): number | null {
  return inUnits(
    percentile(
      durationsMs.map((d) => Math.max(0, d)),
      50,
    ),
    unitMs,
  );
}

/** The median and 90th percentile of durations in milliseconds. */
export function quantilesOf(durationsMs: readonly number[]): DurationQuantiles {
  const sorted = Float64Array.from(durationsMs).sort();
  return {
    n: sorted.length,
    p50Ms: percentileOfSorted(sorted, 50),
    p90Ms: percentileOfSorted(sorted, 90),
  };
}

/** Milliseconds in `unitMs`, two decimals. */
export const inUnits = (ms: number | null, unitMs: number) =>
  ms === null ? null : round(ms / unitMs, 2);

/** `count` of `of`, with their quotient (four decimals); null when `of` is 0. */
export function ratio(count: number, of: number) {
  return { count, of, rate: of === 0 ? null : round(count / of, 4) };
}

/** The UTC date (YYYY-MM-DD) of an epoch millisecond. */
export const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday (UTC date) of the ISO week a date (YYYY-MM-DD) falls in. */
export function weekStartOf(date: string): string {
  const ms = Date.parse(date);
  const daysSinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return utcDate(ms - daysSinceMonday * DAY_MS);
}

/** The ISO 8601 week ('2026-W02') starting on a Monday: its year is the year of its Thursday. */
export function isoWeekOf(monday: string): string {
  const thursday = new Date(Date.parse(monday) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Mondays of every ISO week from the one holding `first` to the one holding `last`. */
export function weeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  const end = Date.parse(weekStartOf(last));
  for (let ms = Date.parse(weekStartOf(first)); ms <= end; ms += WEEK_MS) weeks.push(utcDate(ms));
  return weeks;
}

/**
 * Folds values keyed by date (YYYY-MM-DD) into ISO weeks: every week from `first` to `last` (the
 * earliest and latest dates when not given), zero-filled with `empty`, in order.
 */
export function foldWeeks<T>(
  byDate: ReadonlyArray<{ date: string; value: T }>,
  combine: (a: T, b: T) => T,
  empty: T,
  range: { first?: string | undefined; last?: string | undefined } = {},
): Array<{ weekStart: string; value: T }> {
  const dates = byDate.map((d) => d.date).sort();
  const first = range.first ?? dates[0];
  const last = range.last ?? dates.at(-1);
  if (first === undefined || last === undefined) return [];
  const weeks = new Map(weeksBetween(first, last).map((w) => [w, empty]));
  for (const { date, value } of byDate) {
    const week = weekStartOf(date);
    const sum = weeks.get(week);
    if (sum !== undefined) weeks.set(week, combine(sum, value));
  }
  return [...weeks].map(([weekStart, value]) => ({ weekStart, value }));
}
