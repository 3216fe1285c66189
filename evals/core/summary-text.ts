import type { Comparison } from './compare.js';
import { boundText, type EvalRun, round } from './run-evals.js';
import type { MetricValue, SuiteResult } from './suite.js';

const MARK: Record<MetricValue['status'], string> = {
  pass: 'ok  ',
  warn: 'WARN',
  fail: 'FAIL',
  info: '    ',
};

const value = (m: MetricValue) =>
  m.value === null ? 'n/a' : m.unit === 'ratio' ? `${(m.value * 100).toFixed(1)}%` : round(m.value);

const interval = (m: MetricValue) =>
  m.ci
    ? ` [${m.unit === 'ratio' ? m.ci.map((v) => `${(v * 100).toFixed(1)}%`).join(', ') : m.ci.map(round).join(', ')}]`
    : '';

/** One suite and path as lines for a terminal: each metric with its interval, n and bound. */
export function suiteLines(r: SuiteResult): string[] {
  const calls = r.llmCalls ? `, LLM ${r.llmCalls.cached} cached / ${r.llmCalls.fresh} fresh` : '';
  return [
    `${r.title} [${r.path}] — ${r.dataset.cases} cases, ${r.seconds.toFixed(1)} s${calls}`,
    ...r.metrics.map(
      (m) =>
        `  ${MARK[m.status]} ${m.label.padEnd(52)} ${value(m).padStart(8)}${interval(m)} n=${m.n} ${boundText(m.gate ?? m.threshold)}`,
    ),
  ];
}

export function runLines(run: EvalRun, comparison: Comparison | null): string[] {
  const lines = run.results.flatMap((r) => [...suiteLines(r), '']);
  if (comparison) {
    lines.push(`Against ${comparison.baseline}: ${comparison.regressions} regression(s)`);
    for (const row of comparison.rows.filter((x) => x.verdict === 'regressed')) {
      lines.push(
        `  ${row.suite} [${row.path}] ${row.label}: ${row.baseline === null ? 'n/a' : round(row.baseline)} → ${row.current === null ? 'n/a' : round(row.current)} (${row.why})`,
      );
    }
    lines.push('');
  }
  lines.push(
    run.gate.passed
      ? 'gate: PASS'
      : `gate: FAIL\n${run.gate.failures.map((f) => `  - ${f}`).join('\n')}`,
  );
  if (run.warnings.length > 0)
    lines.push(`${run.warnings.length} threshold(s) missed (WARN above)`);
  return lines;
}
