import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { statusOf } from './metrics.js';
import { type EvalRun, summarize } from './run-evals.js';
import { type MetricValue, SuiteResult } from './suite.js';

type MetricInput = Omit<MetricValue, 'status' | 'label' | 'better' | 'unit' | 'n'> &
  Partial<Pick<MetricValue, 'label' | 'better' | 'unit' | 'n'>>;

/** A metric whose status follows from its value and bounds, as the metric builders set it. */
const metric = (m: MetricInput): MetricValue => ({
  label: m.id,
  better: 'higher',
  unit: 'ratio',
  n: 100,
  ...m,
  status: statusOf(m.value, {
    ...(m.gate ? { gate: m.gate } : {}),
    ...(m.threshold ? { threshold: m.threshold } : {}),
  }),
});

const runOf = (
  id: string,
  results: { suite?: string; path?: string; metrics: MetricValue[] }[],
): EvalRun =>
  summarize({
    id,
    createdAt: '2026-12-03T00:00:00.000Z',
    commit: null,
    seed: 1,
    paths: ['rules'],
    results: results.map((r) =>
      SuiteResult.parse({
        suite: r.suite ?? 'specialty',
        title: 'Specialty',
        path: r.path ?? 'rules',
        dataset: { name: 'dev', version: 'v1', cases: 100 },
        metrics: r.metrics,
        seconds: 1,
      }),
    ),
  });

/** The single row of comparing one metric before and after. */
const compareOne = (before: MetricValue, after: MetricValue) => {
  const c = compareRuns(
    runOf('base', [{ metrics: [before] }]),
    runOf('cur', [{ metrics: [after] }]),
  );
  expect(c.rows).toHaveLength(1);
  return { row: c.rows[0], regressions: c.regressions };
};

describe('compareRuns', () => {
  it('names both runs', () => {
    const c = compareRuns(runOf('base', []), runOf('cur', []));
    expect(c).toEqual({ baseline: 'base', current: 'cur', rows: [], regressions: 0 });
  });

  it('calls a gated metric that newly fails a regression, even inside the baseline interval', () => {
    const { row, regressions } = compareOne(
      metric({ id: 'top1', value: 0.81, ci: [0.76, 0.86], gate: { min: 0.8 } }),
      metric({ id: 'top1', value: 0.79, ci: [0.74, 0.84], gate: { min: 0.8 } }),
    );
    expect(row).toMatchObject({
      verdict: 'regressed',
      why: 'gate now fails',
      baseline: 0.81,
      current: 0.79,
    });
    expect(row?.delta).toBeCloseTo(-0.02, 12);
    expect(regressions).toBe(1);
  });

  it('calls a threshold newly missed a regression, even inside the baseline interval', () => {
    const { row, regressions } = compareOne(
      metric({ id: 'top3', value: 0.81, ci: [0.76, 0.86], threshold: { min: 0.8 } }),
      metric({ id: 'top3', value: 0.79, ci: [0.74, 0.84], threshold: { min: 0.8 } }),
    );
    expect(row).toMatchObject({ verdict: 'regressed', why: 'threshold now missed' });
    expect(regressions).toBe(1);
  });

  it('calls a higher-is-better value below the baseline interval a regression', () => {
    const { row, regressions } = compareOne(
      metric({ id: 'recall', value: 0.9, ci: [0.85, 0.95] }),
      metric({ id: 'recall', value: 0.8, ci: [0.75, 0.85] }),
    );
    expect(row).toMatchObject({ verdict: 'regressed', why: 'outside the baseline interval' });
    expect(row?.delta).toBeCloseTo(-0.1, 12);
    expect(regressions).toBe(1);
  });

  it('calls a move inside the baseline interval the same, in either direction', () => {
    const base = metric({ id: 'recall', value: 0.9, ci: [0.85, 0.95] });
    const down = compareOne(base, metric({ id: 'recall', value: 0.87 }));
    expect(down.row).toMatchObject({ verdict: 'same', why: 'within the baseline interval' });
    expect(down.regressions).toBe(0);
    const up = compareOne(base, metric({ id: 'recall', value: 0.95 }));
    expect(up.row?.verdict).toBe('same');
  });

  it('calls an unchanged value the same', () => {
    const { row } = compareOne(
      metric({ id: 'a', value: 0.5 }),
      metric({ id: 'a', value: 0.5 + 1e-12 }),
    );
    expect(row?.verdict).toBe('same');
  });

  it('calls a higher-is-better value above the baseline interval an improvement', () => {
    const { row, regressions } = compareOne(
      metric({ id: 'recall', value: 0.9, ci: [0.85, 0.95] }),
      metric({ id: 'recall', value: 0.97 }),
    );
    expect(row).toMatchObject({ verdict: 'improved', why: 'outside the baseline interval' });
    expect(regressions).toBe(0);
  });

  it('calls a gate that holds again an improvement, not a regression', () => {
    const { row } = compareOne(
      metric({ id: 'top1', value: 0.7, ci: [0.65, 0.75], gate: { min: 0.8 } }),
      metric({ id: 'top1', value: 0.85, gate: { min: 0.8 } }),
    );
    expect(row?.verdict).toBe('improved');
  });

  describe('lower is better', () => {
    const leaks = (value: number, gate?: { max: number }) =>
      metric({ id: 'phi.leaks', better: 'lower', unit: 'count', value, ...(gate ? { gate } : {}) });

    it('calls a leak count going 0 → 2 a regression', () => {
      const { row, regressions } = compareOne(leaks(0), leaks(2));
      expect(row).toMatchObject({ verdict: 'regressed', why: 'worse', delta: 2 });
      expect(regressions).toBe(1);
    });

    it('calls a gated leak count going 0 → 2 a failed gate', () => {
      const { row } = compareOne(leaks(0, { max: 0 }), leaks(2, { max: 0 }));
      expect(row).toMatchObject({ verdict: 'regressed', why: 'gate now fails' });
    });

    it('calls a leak count going 2 → 0 an improvement', () => {
      const { row, regressions } = compareOne(leaks(2), leaks(0));
      expect(row).toMatchObject({ verdict: 'improved', why: 'better' });
      expect(regressions).toBe(0);
    });

    it('calls a distance above the baseline interval a regression and below it an improvement', () => {
      const base = metric({ id: 'miles', better: 'lower', unit: 'miles', value: 10, ci: [8, 12] });
      expect(compareOne(base, metric({ ...base, value: 14 })).row?.verdict).toBe('regressed');
      expect(compareOne(base, metric({ ...base, value: 6 })).row?.verdict).toBe('improved');
      expect(compareOne(base, metric({ ...base, value: 11 })).row?.verdict).toBe('same');
    });
  });

  it('calls a metric that lost its value a regression', () => {
    const { row } = compareOne(
      metric({ id: 'a', value: 0.9 }),
      metric({ id: 'a', value: null, n: 0 }),
    );
    expect(row).toMatchObject({
      verdict: 'regressed',
      why: 'no value',
      current: null,
      delta: null,
    });
  });

  it('does not call a metric that gained a value a regression', () => {
    const { row, regressions } = compareOne(
      metric({ id: 'a', value: null, n: 0 }),
      metric({ id: 'a', value: 0.9 }),
    );
    expect(row?.verdict).not.toBe('regressed');
    expect(regressions).toBe(0);
  });

  it('lists metrics only in this run as new and metrics only in the baseline as gone', () => {
    const c = compareRuns(
      runOf('base', [
        { metrics: [metric({ id: 'kept', value: 0.5 }), metric({ id: 'dropped', value: 0.4 })] },
      ]),
      runOf('cur', [
        { metrics: [metric({ id: 'kept', value: 0.5 }), metric({ id: 'added', value: 0.3 })] },
      ]),
    );
    const byId = Object.fromEntries(c.rows.map((r) => [r.metric, r]));
    expect(byId.kept?.verdict).toBe('same');
    expect(byId.added).toMatchObject({ verdict: 'new', baseline: null, current: 0.3, delta: null });
    expect(byId.dropped).toMatchObject({
      verdict: 'gone',
      baseline: 0.4,
      current: null,
      delta: null,
    });
    expect(c.rows).toHaveLength(3);
    expect(c.regressions).toBe(0);
  });

  it('matches metrics by suite and path, and counts every regression', () => {
    const good = metric({ id: 'top1', value: 0.9, ci: [0.85, 0.95] });
    const bad = metric({ id: 'top1', value: 0.5 });
    const base = runOf('base', [
      { suite: 'specialty', path: 'rules', metrics: [good] },
      { suite: 'specialty', path: 'llm:a', metrics: [good] },
      { suite: 'matching', path: 'rules', metrics: [good] },
    ]);
    const cur = runOf('cur', [
      { suite: 'specialty', path: 'rules', metrics: [good] },
      { suite: 'specialty', path: 'llm:a', metrics: [bad] },
      { suite: 'matching', path: 'rules', metrics: [bad] },
      { suite: 'matching', path: 'llm:a', metrics: [bad] },
    ]);
    const c = compareRuns(base, cur);
    const verdicts = c.rows.map((r) => `${r.suite} ${r.path} ${r.verdict}`);
    expect(verdicts).toEqual([
      'specialty rules same',
      'specialty llm:a regressed',
      'matching rules regressed',
      'matching llm:a new',
    ]);
    expect(c.regressions).toBe(2);
  });
});
