import { describe, expect, it } from 'vitest';
import {
  bootstrapCi,
  countMetric,
  type MetricSpec,
  meanMetric,
  quantileMetric,
  rateMetric,
  ratioMetric,
  statusOf,
} from './metrics.js';

const spec = (over: Partial<MetricSpec> = {}): MetricSpec => ({
  id: 'm',
  label: 'a metric',
  better: 'higher',
  unit: 'ratio',
  ...over,
});

const mean = (v: readonly number[]) =>
  v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length;

describe('statusOf', () => {
  it('is info without a gate or threshold, whatever the value', () => {
    expect(statusOf(0, {})).toBe('info');
    expect(statusOf(null, {})).toBe('info');
  });

  it('fails below a gate min and above a gate max; the exact bound passes', () => {
    expect(statusOf(0.79, { gate: { min: 0.8 } })).toBe('fail');
    expect(statusOf(0.8, { gate: { min: 0.8 } })).toBe('pass');
    expect(statusOf(0.81, { gate: { min: 0.8 } })).toBe('pass');
    expect(statusOf(1, { gate: { max: 0 } })).toBe('fail');
    expect(statusOf(0, { gate: { max: 0 } })).toBe('pass');
    expect(statusOf(0.5, { gate: { min: 0.2, max: 0.4 } })).toBe('fail');
    expect(statusOf(0.1, { gate: { min: 0.2, max: 0.4 } })).toBe('fail');
    expect(statusOf(0.3, { gate: { min: 0.2, max: 0.4 } })).toBe('pass');
  });

  it('warns above a threshold max and below a threshold min; the exact bound passes', () => {
    expect(statusOf(12, { threshold: { max: 10 } })).toBe('warn');
    expect(statusOf(10, { threshold: { max: 10 } })).toBe('pass');
    expect(statusOf(9, { threshold: { max: 10 } })).toBe('pass');
    expect(statusOf(0.6, { threshold: { min: 0.7 } })).toBe('warn');
    expect(statusOf(0.7, { threshold: { min: 0.7 } })).toBe('pass');
  });

  it('lets a missed gate win over a missed threshold, and warns when only the threshold is missed', () => {
    const both = { gate: { min: 0.5 }, threshold: { min: 0.8 } };
    expect(statusOf(0.4, both)).toBe('fail');
    expect(statusOf(0.6, both)).toBe('warn');
    expect(statusOf(0.9, both)).toBe('pass');
  });

  it('treats a missing value as a failed gate, or a missed threshold', () => {
    expect(statusOf(null, { gate: { min: 0.8 } })).toBe('fail');
    expect(statusOf(null, { threshold: { min: 0.8 } })).toBe('warn');
  });
});

describe('ratioMetric', () => {
  it('is Σnum / Σden, leaving cases with den 0 out of the value and of n', () => {
    const m = ratioMetric(
      spec(),
      [
        { num: 1, den: 2 },
        { num: 3, den: 4 },
        { num: 0, den: 0 },
        { num: 2, den: 0 },
      ],
      1,
    );
    expect(m.value).toBeCloseTo(4 / 6, 12);
    expect(m.n).toBe(2);
  });

  it('is not the mean of per-case ratios', () => {
    // mean of ratios would be (1/1 + 0/9) / 2 = 0.5
    const m = ratioMetric(
      spec(),
      [
        { num: 1, den: 1 },
        { num: 0, den: 9 },
      ],
      1,
    );
    expect(m.value).toBeCloseTo(0.1, 12);
  });

  it('has no value when every den is 0, and then fails its gate', () => {
    const m = ratioMetric(spec({ gate: { min: 0.5 } }), [{ num: 0, den: 0 }], 1);
    expect(m.value).toBeNull();
    expect(m.n).toBe(0);
    expect(m.ci).toBeUndefined();
    expect(m.status).toBe('fail');
  });

  it('carries the spec and its status', () => {
    const parts = [
      { num: 1, den: 4 },
      { num: 1, den: 4 },
    ];
    const m = ratioMetric(spec({ id: 'x', label: 'X', gate: { min: 0.5 } }), parts, 3);
    expect(m).toMatchObject({
      id: 'x',
      label: 'X',
      better: 'higher',
      unit: 'ratio',
      gate: { min: 0.5 },
    });
    expect(m.value).toBeCloseTo(0.25, 12);
    expect(m.status).toBe('fail');
  });
});

describe('rateMetric', () => {
  it('is the share of hits over all cases, with an interval around it', () => {
    const hits = [
      ...Array.from({ length: 14 }, () => true),
      ...Array.from({ length: 6 }, () => false),
    ];
    const m = rateMetric(spec({ threshold: { min: 0.8 } }), hits, 11);
    expect(m.value).toBeCloseTo(0.7, 12);
    expect(m.n).toBe(20);
    expect(m.status).toBe('warn');
    const [lo, hi] = m.ci ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThan(0.7);
    expect(hi).toBeGreaterThan(0.7);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
  });

  it('has no interval for a single case', () => {
    const m = rateMetric(spec(), [true], 1);
    expect(m.value).toBe(1);
    expect(m.n).toBe(1);
    expect('ci' in m).toBe(false);
  });
});

describe('meanMetric', () => {
  it('is the mean of the values, with n the number of values', () => {
    const m = meanMetric(spec({ unit: 'miles', better: 'lower' }), [1, 2, 3, 6], 5);
    expect(m.value).toBeCloseTo(3, 12);
    expect(m.n).toBe(4);
    const [lo, hi] = m.ci ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThanOrEqual(3);
    expect(hi).toBeGreaterThanOrEqual(3);
    expect(lo).toBeGreaterThanOrEqual(1);
    expect(hi).toBeLessThanOrEqual(6);
    expect(hi).toBeGreaterThan(lo);
  });

  it('has no value for no values', () => {
    const m = meanMetric(spec({ threshold: { max: 10 } }), [], 5);
    expect(m.value).toBeNull();
    expect(m.n).toBe(0);
    expect(m.status).toBe('warn');
  });
});

describe('quantileMetric', () => {
  it('takes the value at the quantile of the sorted values', () => {
    const values = [7, 1, 10, 4, 2, 9, 3, 8, 6, 5];
    expect(quantileMetric(spec({ unit: 'days' }), values, 0.5, 1).value).toBe(6);
    expect(quantileMetric(spec({ unit: 'days' }), values, 0.9, 1).value).toBe(9);
    expect(quantileMetric(spec({ unit: 'days' }), values, 0, 1).value).toBe(1);
    expect(quantileMetric(spec({ unit: 'days' }), values, 1, 1).value).toBe(10);
  });

  it('does not reorder the caller’s values', () => {
    const values = [3, 1, 2];
    quantileMetric(spec(), values, 0.5, 1);
    expect(values).toEqual([3, 1, 2]);
  });

  it('gates like any metric, and has no value for no values', () => {
    const late = quantileMetric(
      spec({ better: 'lower', gate: { max: 5 } }),
      [1, 2, 30, 40, 50],
      0.9,
      1,
    );
    expect(late.value).toBe(50);
    expect(late.status).toBe('fail');
    expect(quantileMetric(spec(), [], 0.5, 1).value).toBeNull();
  });
});

describe('countMetric', () => {
  it('is the count with its n, without an interval', () => {
    const m = countMetric(spec({ unit: 'count', better: 'lower', gate: { max: 0 } }), 2, 40);
    expect(m.value).toBe(2);
    expect(m.n).toBe(40);
    expect(m.status).toBe('fail');
    expect('ci' in m).toBe(false);
  });
});

describe('bootstrapCi', () => {
  const sample = [0.2, 0.9, 0.4, 0.4, 0.7, 0.1, 0.8, 0.3, 0.6, 0.5, 0.9, 0.2];

  it('gives the same interval for the same seed', () => {
    expect(bootstrapCi(sample, mean, 42)).toEqual(bootstrapCi(sample, mean, 42));
  });

  it('depends on the seed', () => {
    const intervals = [1, 2, 3, 4, 5].map((s) => JSON.stringify(bootstrapCi(sample, mean, s)));
    expect(new Set(intervals).size).toBeGreaterThan(1);
  });

  it('contains the point estimate of a non-degenerate sample and lies within its range', () => {
    const point = mean(sample) ?? Number.NaN;
    const ci = bootstrapCi(sample, mean, 7);
    expect(ci).toBeDefined();
    const [lo, hi] = ci ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThan(point);
    expect(hi).toBeGreaterThan(point);
    expect(lo).toBeGreaterThanOrEqual(Math.min(...sample));
    expect(hi).toBeLessThanOrEqual(Math.max(...sample));
  });

  it('is undefined for fewer than 2 cases', () => {
    expect(bootstrapCi([], mean, 1)).toBeUndefined();
    expect(bootstrapCi([0.5], mean, 1)).toBeUndefined();
  });

  it('is [v, v] for a sample whose values are all v', () => {
    expect(bootstrapCi([0.25, 0.25, 0.25, 0.25], mean, 9)).toEqual([0.25, 0.25]);
  });

  it('is undefined when the statistic never has a value', () => {
    expect(bootstrapCi([1, 2, 3], () => null, 1)).toBeUndefined();
  });
});
