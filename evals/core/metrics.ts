import { Rng } from '../../retrieval/index.js';
import type { Bound, MetricStatus, MetricValue } from './suite.js';

export interface MetricSpec {
  id: string;
  label: string;
  better: MetricValue['better'];
  unit: MetricValue['unit'];
  gate?: Bound;
  threshold?: Bound;
}

/** A higher-is-better ratio with an optional minimum as gate (must hold) or threshold (warned). */
export const minRatio = (
  id: string,
  label: string,
  bound: { gate?: number; threshold?: number },
): MetricSpec => ({
  id,
  label,
  better: 'higher',
  unit: 'ratio',
  ...(bound.gate !== undefined ? { gate: { min: bound.gate } } : {}),
  ...(bound.threshold !== undefined ? { threshold: { min: bound.threshold } } : {}),
});

/** One case's share of a ratio metric: `num` of `den` (a case with den 0 does not count). */
export interface RatioPart {
  num: number;
  den: number;
}

const RESAMPLES = 1000;

const within = (value: number, b: Bound) =>
  (b.min === undefined || value >= b.min - 1e-12) &&
  (b.max === undefined || value <= b.max + 1e-12);

export function statusOf(
  value: number | null,
  spec: Pick<MetricSpec, 'gate' | 'threshold'>,
): MetricStatus {
  if (!spec.gate && !spec.threshold) return 'info';
  if (value === null) return spec.gate ? 'fail' : 'warn';
  if (spec.gate && !within(value, spec.gate)) return 'fail';
  if (spec.threshold && !within(value, spec.threshold)) return 'warn';
  return 'pass';
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i] ?? Number.NaN;
}

/** The 95% percentile bootstrap interval of `statistic` over cases resampled with replacement. */
export function bootstrapCi<T>(
  cases: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  seed: number,
): [number, number] | undefined {
  if (cases.length < 2) return undefined;
  const rng = new Rng(seed);
  const stats: number[] = [];
  const sample: T[] = new Array(cases.length);
  for (let r = 0; r < RESAMPLES; r++) {
    for (let i = 0; i < cases.length; i++) sample[i] = cases[rng.int(cases.length)] as T;
    const s = statistic(sample);
    if (s !== null && Number.isFinite(s)) stats.push(s);
  }
  if (stats.length === 0) return undefined;
  stats.sort((a, b) => a - b);
  return [percentile(stats, 0.025), percentile(stats, 0.975)];
}

const ratioOf = (parts: readonly RatioPart[]) => {
  let num = 0;
  let den = 0;
  for (const p of parts) {
    num += p.num;
    den += p.den;
  }
  return den === 0 ? null : num / den;
};

const meanOf = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

function finish(
  spec: MetricSpec,
  value: number | null,
  n: number,
  ci?: [number, number],
): MetricValue {
  return { ...spec, value, n, ...(ci ? { ci } : {}), status: statusOf(value, spec) };
}

/** Σnum / Σden over cases, with its bootstrap interval (cases with den 0 are left out). */
export function ratioMetric(
  spec: MetricSpec,
  parts: readonly RatioPart[],
  seed: number,
): MetricValue {
  const counted = parts.filter((p) => p.den > 0);
  return finish(spec, ratioOf(counted), counted.length, bootstrapCi(counted, ratioOf, seed));
}

/** The share of cases where `hit` holds. */
export function rateMetric(spec: MetricSpec, hits: readonly boolean[], seed: number): MetricValue {
  return ratioMetric(
    spec,
    hits.map((h) => ({ num: h ? 1 : 0, den: 1 })),
    seed,
  );
}

/** The mean of per-case values, with its bootstrap interval. */
export function meanMetric(spec: MetricSpec, values: readonly number[], seed: number): MetricValue {
  return finish(spec, meanOf(values), values.length, bootstrapCi(values, meanOf, seed));
}

/** A count (of leaks, of unapproved calls …): no interval, the count is what it is. */
export function countMetric(spec: MetricSpec, count: number, n: number): MetricValue {
  return finish(spec, count, n);
}

/** The value at quantile `q` of per-case values, with its bootstrap interval. */
export function quantileMetric(
  spec: MetricSpec,
  values: readonly number[],
  q: number,
  seed: number,
): MetricValue {
  const at = (v: readonly number[]) =>
    v.length === 0
      ? null
      : percentile(
          [...v].sort((a, b) => a - b),
          q,
        );
  return finish(spec, at(values), values.length, bootstrapCi(values, at, seed));
}
