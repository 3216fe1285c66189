import { describe, expect, it } from 'vitest';
import {
  foldWeeks,
  inUnits,
  isoWeekOf,
  medianDuration,
  percentile,
  quantilesOf,
  ratio,
  weekStartOf,
  weeksBetween,
} from './analytics-math.js';

const HOUR = 3_600_000;

describe('percentile', () => {
  it('interpolates between the closest ranks, whatever the input order', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(values, 50)).toBe(5.5);
    expect(percentile(values, 90)).toBeCloseTo(9.1, 10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([42], 90)).toBe(42);
    expect(percentile([], 50)).toBeNull();
  });

  it('takes the median and p90 of durations, with their count', () => {
    expect(quantilesOf([4, 1, 3, 2].map((h) => h * HOUR))).toEqual({
      n: 4,
      p50Ms: 2.5 * HOUR,
      p90Ms: 3.7 * HOUR,
    });
    expect(quantilesOf([])).toEqual({ n: 0, p50Ms: null, p90Ms: null });
    expect(inUnits(3.7 * HOUR + 1, HOUR)).toBe(3.7);
    expect(inUnits(null, HOUR)).toBeNull();
  });

  it('takes medians of durations as summarizeOutcomes does: none below zero', () => {
    expect(medianDuration([-5 * HOUR, HOUR, 3 * HOUR], HOUR)).toBe(1);
    expect(medianDuration([-5 * HOUR, -HOUR], HOUR)).toBe(0);
    expect(medianDuration([HOUR, 2 * HOUR], 24 * HOUR)).toBe(0.06);
    expect(medianDuration([], HOUR)).toBeNull();
  });
});

describe('ratio', () => {
  it('is null over nothing, four decimals otherwise', () => {
    expect(ratio(0, 0)).toEqual({ count: 0, of: 0, rate: null });
    expect(ratio(1, 3)).toEqual({ count: 1, of: 3, rate: 0.3333 });
  });
});

describe('ISO weeks', () => {
  it('start on Monday, and belong to the year of their Thursday', () => {
    expect(weekStartOf('2026-01-05')).toBe('2026-01-05');
    expect(weekStartOf('2026-01-11')).toBe('2026-01-05');
    expect(weekStartOf('2026-01-01')).toBe('2025-12-29');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-01-05')).toBe('2026-W02');
    expect(isoWeekOf('2020-12-28')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('lists every week between two dates', () => {
    expect(weeksBetween('2026-01-01', '2026-01-19')).toEqual([
      '2025-12-29',
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
    ]);
  });

  it('folds dated values into zero-filled weeks of the range, or of the data', () => {
    const add = (a: number, b: number) => a + b;
    const byDate = [
      { date: '2026-01-06', value: 2 },
      { date: '2026-01-11', value: 3 },
      { date: '2026-01-20', value: 1 },
    ];
    expect(foldWeeks(byDate, add, 0)).toEqual([
      { weekStart: '2026-01-05', value: 5 },
      { weekStart: '2026-01-12', value: 0 },
      { weekStart: '2026-01-19', value: 1 },
    ]);
    expect(foldWeeks(byDate, add, 0, { first: '2026-01-12', last: '2026-01-26' })).toEqual([
      { weekStart: '2026-01-12', value: 0 },
      { weekStart: '2026-01-19', value: 1 },
      { weekStart: '2026-01-26', value: 0 },
    ]);
    expect(foldWeeks([], add, 0)).toEqual([]);
  });
});
