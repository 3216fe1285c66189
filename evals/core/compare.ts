import { z } from 'zod';
import type { EvalRun } from './run-evals.js';
import type { MetricValue } from './suite.js';

export const Verdict = z.enum(['regressed', 'improved', 'same', 'new', 'gone']);
export type Verdict = z.infer<typeof Verdict>;

export interface ComparisonRow {
  suite: string;
  path: string;
  metric: string;
  label: string;
  baseline: number | null;
  current: number | null;
  delta: number | null;
  verdict: Verdict;
  /** Why the verdict, in words: the gate that now fails, the interval left … */
  why: string;
}

export interface Comparison {
  baseline: string;
  current: string;
  rows: ComparisonRow[];
  regressions: number;
}

/** Changes smaller than this (absolute) are noise even without an interval. */
const EPSILON = 1e-9;

const key = (suite: string, path: string, id: string) => `${suite}\u0000${path}\u0000${id}`;

function verdictOf(base: MetricValue, cur: MetricValue): { verdict: Verdict; why: string } {
  if (cur.status === 'fail' && base.status !== 'fail')
    return { verdict: 'regressed', why: 'gate now fails' };
  if (cur.status === 'warn' && base.status === 'pass') {
    return { verdict: 'regressed', why: 'threshold now missed' };
  }
  if (base.value === null || cur.value === null) {
    if (base.value === cur.value) return { verdict: 'same', why: '' };
    return cur.value === null
      ? { verdict: 'regressed', why: 'no value' }
      : { verdict: 'new', why: 'no value in the baseline' };
  }
  const delta = cur.value - base.value;
  if (Math.abs(delta) <= EPSILON) return { verdict: 'same', why: '' };
  const worse = base.better === 'higher' ? delta < 0 : delta > 0;
  const [lo, hi] = base.ci ?? [base.value, base.value];
  const outside = cur.value < lo - EPSILON || cur.value > hi + EPSILON;
  if (!outside) return { verdict: 'same', why: 'within the baseline interval' };
  return worse
    ? { verdict: 'regressed', why: base.ci ? 'outside the baseline interval' : 'worse' }
    : { verdict: 'improved', why: base.ci ? 'outside the baseline interval' : 'better' };
}

/** Metric by metric, suite by suite and path by path: what moved, and whether it is a regression. */
export function compareRuns(baseline: EvalRun, current: EvalRun): Comparison {
  const before = new Map<string, MetricValue>();
  for (const r of baseline.results) {
    for (const m of r.metrics) before.set(key(r.suite, r.path, m.id), m);
  }
  const rows: ComparisonRow[] = [];
  const seen = new Set<string>();
  for (const r of current.results) {
    for (const m of r.metrics) {
      const k = key(r.suite, r.path, m.id);
      seen.add(k);
      const base = before.get(k);
      const row = { suite: r.suite, path: r.path, metric: m.id, label: m.label, current: m.value };
      if (!base) {
        rows.push({ ...row, baseline: null, delta: null, verdict: 'new', why: '' });
        continue;
      }
      const delta = base.value === null || m.value === null ? null : m.value - base.value;
      rows.push({ ...row, baseline: base.value, delta, ...verdictOf(base, m) });
    }
  }
  for (const r of baseline.results) {
    for (const m of r.metrics) {
      if (seen.has(key(r.suite, r.path, m.id))) continue;
      rows.push({
        suite: r.suite,
        path: r.path,
        metric: m.id,
        label: m.label,
        baseline: m.value,
        current: null,
        delta: null,
        verdict: 'gone',
        why: 'not measured in this run',
      });
    }
  }
  return {
    baseline: baseline.id,
    current: current.id,
    rows,
    regressions: rows.filter((r) => r.verdict === 'regressed').length,
  };
}
