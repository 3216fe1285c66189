import type { Comparison } from './compare.js';
import { REPORT_CSS } from './report-style.js';
import { boundText, type EvalRun, round } from './run-evals.js';
import type { ConfusionMatrix, Histogram, MetricValue, SuiteResult, Table } from './suite.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const fmt = (v: number | null, unit?: MetricValue['unit']) =>
  v === null ? 'n/a' : unit === 'ratio' ? `${(v * 100).toFixed(1)}%` : round(v);

const ciText = (m: MetricValue) =>
  m.ci ? `${fmt(m.ci[0], m.unit)} – ${fmt(m.ci[1], m.unit)}` : '';

/** Ratio metrics as bars from 0 to 1 with their interval as a whisker and the bound as a tick. */
function ratioBars(metrics: readonly MetricValue[]): string {
  const ratios = metrics.filter((m) => m.unit === 'ratio' && m.value !== null);
  if (ratios.length === 0) return '';
  const row = 22;
  const left = 320;
  const width = 360;
  const x = (v: number) => left + Math.max(0, Math.min(1, v)) * width;
  const bars = ratios.map((m, i) => {
    const y = i * row + 4;
    const bound = m.gate ?? m.threshold;
    const tick = bound?.min ?? bound?.max;
    return [
      `<text x="${left - 8}" y="${y + 13}" text-anchor="end">${esc(m.label.length > 50 ? `${m.label.slice(0, 49)}…` : m.label)}</text>`,
      `<rect class="bar ${m.status}" x="${left}" y="${y}" width="${x(m.value ?? 0) - left}" height="16"/>`,
      m.ci
        ? `<line class="ci" x1="${x(m.ci[0])}" x2="${x(m.ci[1])}" y1="${y + 8}" y2="${y + 8}"/>`
        : '',
      tick === undefined
        ? ''
        : `<line class="tick" x1="${x(tick)}" x2="${x(tick)}" y1="${y - 2}" y2="${y + 18}"/>`,
      `<text x="${left + width + 6}" y="${y + 13}">${fmt(m.value, 'ratio')}</text>`,
    ].join('');
  });
  const height = ratios.length * row + 8;
  return `<svg class="chart" viewBox="0 0 ${left + width + 70} ${height}" role="img" aria-label="ratio metrics with 95% intervals">${bars.join('')}</svg>`;
}

function metricTable(metrics: readonly MetricValue[]): string {
  const rows = metrics.map(
    (m) =>
      `<tr class="${m.status}"><td>${esc(m.label)}</td><td class="num">${fmt(m.value, m.unit)}</td><td class="num">${ciText(m)}</td><td class="num">${m.n}</td><td>${esc(boundText(m.gate ?? m.threshold))}${m.gate ? ' gate' : ''}</td><td>${m.status}</td></tr>`,
  );
  return `<table><thead><tr><th>metric</th><th>value</th><th>95% interval</th><th>n</th><th>bound</th><th>status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function confusion(c: ConfusionMatrix): string {
  const max = Math.max(1, ...c.counts.flat());
  const head = c.labels.map((l) => `<th class="rot"><span>${esc(l)}</span></th>`).join('');
  const body = c.counts.map((row, i) => {
    const cells = row.map((n, j) => {
      const alpha = (n / max).toFixed(2);
      const cls = i === j ? 'diag' : 'off';
      return `<td class="cell ${cls}" style="--a:${alpha}">${n === 0 ? '' : n}</td>`;
    });
    return `<tr><th>${esc(c.labels[i] ?? '')}</th>${cells.join('')}</tr>`;
  });
  return `<h4>${esc(c.title)}</h4><p class="hint">rows: expected, columns: predicted</p><div class="scroll"><table class="confusion"><thead><tr><th></th>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** Twenty equal bins between the smallest and largest value. */
export function binsOf(
  values: readonly number[],
  count = 20,
): { from: number; to: number; n: number }[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = hi > lo ? (hi - lo) / count : 1;
  const bins = Array.from({ length: hi > lo ? count : 1 }, (_, i) => ({
    from: lo + i * width,
    to: lo + (i + 1) * width,
    n: 0,
  }));
  for (const v of values) {
    const i = Math.min(bins.length - 1, Math.floor((v - lo) / width));
    const bin = bins[i];
    if (bin) bin.n++;
  }
  return bins;
}

function histogram(h: Histogram): string {
  const bins = binsOf(h.values);
  if (bins.length === 0) return `<h4>${esc(h.title)}</h4><p class="hint">no values</p>`;
  const max = Math.max(...bins.map((b) => b.n));
  const w = 24;
  const height = 120;
  const bars = bins.map((b, i) => {
    const bh = (b.n / max) * height;
    return `<rect class="hist" x="${i * w + 40}" y="${height - bh + 10}" width="${w - 2}" height="${bh}"><title>${round(b.from)}–${round(b.to)} ${esc(h.unit)}: ${b.n}</title></rect>`;
  });
  const first = bins[0];
  const last = bins.at(-1);
  const axis = `<text x="40" y="${height + 26}">${round(first?.from ?? 0)}</text><text x="${bins.length * w + 40}" y="${height + 26}" text-anchor="end">${round(last?.to ?? 0)} ${esc(h.unit)}</text><text x="34" y="20" text-anchor="end">${max}</text>`;
  return `<h4>${esc(h.title)} (n = ${h.values.length})</h4><svg class="chart" viewBox="0 0 ${bins.length * w + 80} ${height + 34}" role="img" aria-label="${esc(h.title)}">${bars.join('')}${axis}</svg>`;
}

function table(t: Table): string {
  const head = t.columns.map((c) => `<th>${esc(c)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((v) => `<td${typeof v === 'number' ? ' class="num"' : ''}>${v === null ? '' : esc(typeof v === 'number' ? round(v) : v)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<h4>${esc(t.title)}</h4><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function suiteSection(r: SuiteResult): string {
  const calls = r.llmCalls
    ? ` · LLM answers: ${r.llmCalls.cached} cached, ${r.llmCalls.fresh} fresh`
    : '';
  const failures =
    r.failures.length === 0
      ? ''
      : `<details><summary>${r.failures.length} failing cases</summary><ul>${r.failures.map((f) => `<li><code>${esc(f.caseId)}</code> ${esc(f.problem)}</li>`).join('')}</ul></details>`;
  return [
    `<section id="${esc(`${r.suite}-${r.path}`)}"><h3>${esc(r.title)} <small>${esc(r.path)}</small></h3>`,
    `<p class="hint">${esc(r.dataset.name)} · version ${esc(r.dataset.version)} · ${r.dataset.cases} cases · ${r.seconds.toFixed(1)} s${calls}</p>`,
    ratioBars(r.metrics),
    metricTable(r.metrics),
    ...r.confusion.map(confusion),
    ...r.histograms.map(histogram),
    ...r.tables.map(table),
    r.notes.length === 0
      ? ''
      : `<ul class="notes">${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
    failures,
    '</section>',
  ].join('\n');
}

/** Each metric of a suite with one column per path: the rules beside each model. */
function sideBySide(run: EvalRun): string {
  if (run.paths.length < 2) return '';
  const suites = [...new Set(run.results.map((r) => r.suite))];
  const parts = suites.flatMap((suite) => {
    const byPath = run.paths.map((p) => run.results.find((r) => r.suite === suite && r.path === p));
    if (byPath.filter(Boolean).length < 2) return [];
    const ids = [...new Set(byPath.flatMap((r) => r?.metrics.map((m) => m.id) ?? []))];
    const rows = ids.map((id) => {
      const cells = byPath.map((r) => {
        const m = r?.metrics.find((x) => x.id === id);
        return `<td class="num ${m?.status ?? ''}">${m ? fmt(m.value, m.unit) : ''}</td>`;
      });
      const label =
        byPath.flatMap((r) => r?.metrics.filter((m) => m.id === id) ?? [])[0]?.label ?? id;
      return `<tr><td>${esc(label)}</td>${cells.join('')}</tr>`;
    });
    return [
      `<h4>${esc(suite)}</h4><table><thead><tr><th>metric</th>${run.paths.map((p) => `<th>${esc(p)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
    ];
  });
  return parts.length === 0 ? '' : `<section><h2>Side by side</h2>${parts.join('')}</section>`;
}

function comparisonSection(c: Comparison | null): string {
  if (!c)
    return '<section><h2>Baseline</h2><p class="hint">No baseline run to compare with.</p></section>';
  const moved = c.rows.filter((r) => r.verdict !== 'same');
  const rows = moved.map(
    (r) =>
      `<tr class="${r.verdict}"><td>${esc(r.suite)}</td><td>${esc(r.path)}</td><td>${esc(r.label)}</td><td class="num">${fmt(r.baseline)}</td><td class="num">${fmt(r.current)}</td><td class="num">${r.delta === null ? '' : (r.delta > 0 ? '+' : '') + round(r.delta)}</td><td>${r.verdict}</td><td>${esc(r.why)}</td></tr>`,
  );
  return `<section><h2>Against baseline ${esc(c.baseline)}</h2><p>${c.regressions} regression${c.regressions === 1 ? '' : 's'}; ${moved.length} of ${c.rows.length} metrics moved.</p>${moved.length === 0 ? '' : `<table><thead><tr><th>suite</th><th>path</th><th>metric</th><th>baseline</th><th>this run</th><th>change</th><th>verdict</th><th>why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`}</section>`;
}

/** The whole run as one HTML page: inline style and SVG, no script, nothing fetched. */
export function renderReport(run: EvalRun, comparison: Comparison | null): string {
  const gate = run.gate.passed
    ? '<p class="pass big">Gate: PASS</p>'
    : `<p class="fail big">Gate: FAIL</p><ul>${run.gate.failures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`;
  const warnings =
    run.warnings.length === 0
      ? ''
      : `<details><summary>${run.warnings.length} thresholds missed</summary><ul>${run.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></details>`;
  const nav = run.results
    .map((r) => `<a href="#${esc(`${r.suite}-${r.path}`)}">${esc(r.suite)} · ${esc(r.path)}</a>`)
    .join(' ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eval run ${esc(run.id)}</title><style>${REPORT_CSS}</style></head>
<body><header><h1>Eval run ${esc(run.id)}</h1>
<p class="hint">${esc(run.createdAt)} · commit ${esc(run.commit ?? 'unknown')} · seed ${run.seed} · paths ${esc(run.paths.join(', '))}</p>
${gate}${warnings}<nav>${nav}</nav></header>
<main>${comparisonSection(comparison)}${sideBySide(run)}<h2>Suites</h2>${run.results.map(suiteSection).join('\n')}</main></body></html>
`;
}
