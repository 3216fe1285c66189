import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { binsOf, renderReport } from './report-html.js';
import { type EvalRun, summarize } from './run-evals.js';
import { type MetricValue, SuiteResult } from './suite.js';

const EVIL = '<script>alert(1)</script>';
const EVIL_ESCAPED = '&#60;script&#62;alert(1)&#60;/script&#62;';

const top1 = (value: number): MetricValue => ({
  id: 'top1',
  label: `top-1 ${EVIL}`,
  better: 'higher',
  unit: 'ratio',
  value,
  n: 40,
  ci: [value - 0.05, value + 0.05],
  gate: { min: 0.8 },
  status: value >= 0.8 ? 'pass' : 'fail',
});

const resultOf = (path: string, value: number) =>
  SuiteResult.parse({
    suite: 'specialty',
    title: `Specialty ${EVIL}`,
    path,
    dataset: { name: `dev ${EVIL}`, version: 'abc123', cases: 40 },
    metrics: [
      top1(value),
      {
        id: 'miles',
        label: 'median miles',
        better: 'lower',
        unit: 'miles',
        value: 12.5,
        n: 40,
        threshold: { max: 10 },
        status: 'warn',
      },
    ],
    confusion: [
      {
        title: 'specialty confusion',
        labels: ['cardiology', 'neurology', '(none)'],
        counts: [
          [5, 1, 0],
          [0, 3, 0],
          [2, 0, 0],
        ],
      },
    ],
    histograms: [
      { title: 'distance', unit: 'miles', values: Array.from({ length: 40 }, (_, i) => i * 0.5) },
    ],
    tables: [
      {
        title: 'per specialty',
        columns: ['specialty', 'cases', 'top-1'],
        rows: [
          ['cardiology', 6, 0.8333333],
          [EVIL, 3, null],
        ],
      },
    ],
    failures: [{ caseId: 'case-7', problem: `expected ${EVIL}` }],
    notes: [`a note ${EVIL}`],
    llmCalls: path === 'rules' ? undefined : { cached: 4, fresh: 2 },
    seconds: 2.25,
  });

const runOf = (id: string, value: number): EvalRun =>
  summarize({
    id,
    createdAt: '2026-12-03T00:00:00.000Z',
    commit: 'c0ffee',
    seed: 7,
    paths: ['rules', 'llm:m'],
    results: [resultOf('rules', value), resultOf('llm:m', value)],
  });

const count = (html: string, s: string) => html.split(s).length - 1;

describe('renderReport', () => {
  const base = runOf('20261202T000000Z-aaaa', 0.9);
  const cur = runOf('20261203T000000Z-bbbb', 0.7);
  const html = renderReport(cur, compareRuns(base, cur));

  it('is self-contained: no script, nothing fetched, links only to anchors', () => {
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/https?:/i);
    const hrefs = [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h.startsWith('#')).toBe(true);
  });

  it('escapes what it is given', () => {
    expect(html).not.toContain(EVIL);
    expect(html).toContain(`top-1 ${EVIL_ESCAPED}`);
    expect(html).toContain(`Specialty ${EVIL_ESCAPED}`);
    expect(html).toContain(`a note ${EVIL_ESCAPED}`);
    expect(html).toContain(`expected ${EVIL_ESCAPED}`);
    expect(html).toContain(`<td>${EVIL_ESCAPED}</td>`);
  });

  it('renders the confusion matrix with diagonal and off-diagonal cells', () => {
    expect(html).toContain('<table class="confusion">');
    expect(html).toContain('<th class="rot"><span>cardiology</span></th>');
    expect(html).toContain('<td class="cell diag" style="--a:1.00">5</td>');
    expect(html).toContain('<td class="cell off" style="--a:0.20">1</td>');
    expect(html).toContain('<td class="cell off" style="--a:0.40">2</td>');
    expect(html).toContain('<td class="cell diag" style="--a:0.60">3</td>');
    expect(html).toContain('<td class="cell off" style="--a:0.00"></td>');
  });

  it('renders the histogram as twenty SVG bars per path', () => {
    expect(html).toContain('distance (n = 40)');
    expect(count(html, '<rect class="hist"')).toBe(2 * 20);
  });

  it('renders the table with numbers rounded and null as an empty cell', () => {
    expect(html).toContain('<th>specialty</th><th>cases</th><th>top-1</th>');
    expect(html).toContain('<td>cardiology</td><td class="num">6</td><td class="num">0.833</td>');
    expect(html).toContain(`<td>${EVIL_ESCAPED}</td><td class="num">3</td><td></td>`);
  });

  it('renders metrics with their value, interval, bound and status', () => {
    expect(html).toContain('<rect class="bar fail"');
    expect(html).toContain(
      `<tr class="fail"><td>top-1 ${EVIL_ESCAPED}</td><td class="num">70.0%</td>`,
    );
    expect(html).toContain('65.0% – 75.0%');
    expect(html).toContain('(wanted ≥ 0.8) gate');
    expect(html).toContain('<tr class="warn"><td>median miles</td><td class="num">12.5</td>');
    expect(html).toContain('LLM answers: 4 cached, 2 fresh');
  });

  it('shows the failed gate and the missed thresholds', () => {
    expect(html).toContain('Gate: FAIL');
    expect(html).toContain('2 thresholds missed');
  });

  it('shows a regression against the baseline as a row of class regressed', () => {
    expect(html).toContain(`Against baseline ${base.id}`);
    expect(html).toContain('2 regressions;');
    const rows = [...html.matchAll(/<tr class="regressed">(.*?)<\/tr>/g)].map((m) => m[1] ?? '');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(`top-1 ${EVIL_ESCAPED}`);
    expect(rows[0]).toContain('gate now fails');
  });

  it('puts the paths side by side', () => {
    expect(html).toContain('<h2>Side by side</h2>');
    expect(html).toContain('<th>rules</th><th>llm:m</th>');
  });

  it('says when there is no baseline, and a passing gate', () => {
    const alone = renderReport(base, null);
    expect(alone).toContain('No baseline run to compare with.');
    expect(alone).toContain('Gate: PASS');
    expect(alone).not.toContain('class="regressed"');
  });
});

describe('binsOf', () => {
  it('has no bins for no values', () => {
    expect(binsOf([])).toEqual([]);
  });

  it('puts equal values in one bin', () => {
    expect(binsOf([3, 3, 3])).toEqual([{ from: 3, to: 4, n: 3 }]);
  });

  it('makes twenty contiguous bins from the smallest to the largest value', () => {
    const bins = binsOf([0, 10]);
    expect(bins).toHaveLength(20);
    expect(bins[0]?.from).toBe(0);
    expect(bins.at(-1)?.to).toBeCloseTo(10, 12);
    for (let i = 1; i < bins.length; i++)
      expect(bins[i]?.from).toBeCloseTo(bins[i - 1]?.to ?? Number.NaN, 12);
  });

  it('puts the largest value in the last bin and the smallest in the first', () => {
    const bins = binsOf([0, 10]);
    expect(bins[0]?.n).toBe(1);
    expect(bins.at(-1)?.n).toBe(1);
    expect(bins.slice(1, -1).every((b) => b.n === 0)).toBe(true);
  });

  it('counts every value once, in the bin that holds it', () => {
    const values = [-4, -3.5, 0, 1, 1, 2.2, 5.9, 7, 7.9, 8, 16];
    const bins = binsOf(values, 4);
    // width 5: [-4, 1) [1, 6) [6, 11) [11, 16]
    expect(bins.map((b) => b.n)).toEqual([3, 4, 3, 1]);
    expect(bins.reduce((a, b) => a + b.n, 0)).toBe(values.length);
  });

  it('keeps the counts summing to n for many values', () => {
    const values = Array.from({ length: 997 }, (_, i) => Math.sin(i) * 100);
    expect(binsOf(values).reduce((a, b) => a + b.n, 0)).toBe(997);
  });
});
