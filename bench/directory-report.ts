/** Tables and target checks for the directory-index benchmark (markdown, to stdout). */
import type { QueryClass } from './directory-queries.js';
import type { SizeResult } from './directory-size.js';

const CLASSES: readonly (QueryClass | 'all')[] = ['selective', 'broad', 'closed-cluster', 'all'];
const f = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function formatTables(results: readonly SizeResult[]): string {
  const imports = table(
    [
      'profiles',
      'active',
      'repo /s',
      'index /s',
      'overall /s',
      'import s',
      'RSS peak MiB',
      'RSS after MiB',
      'store MiB',
      'index MiB',
    ],
    results.map((r) => [
      int(r.profiles),
      int(r.active),
      int(r.import.repoPerSec),
      int(r.import.indexPerSec),
      int(r.import.overallPerSec),
      f(r.import.totalMs / 1000, 1),
      int(r.rss.peakMiB),
      int(r.rss.afterMiB),
      int(r.import.storeFileMiB),
      int(r.import.indexFileMiB),
    ]),
  );
  const queries = table(
    [
      'profiles',
      'class',
      'n',
      'hits',
      'sqlite p50',
      'p95',
      'p99',
      'scan p50',
      'p95',
      '×p50',
      '×p95',
    ],
    results.flatMap((r) =>
      CLASSES.map((c) => [
        int(r.profiles),
        c,
        r.sqlite[c].n,
        f(r.sqlite[c].meanHits, 1),
        f(r.sqlite[c].p50Ms),
        f(r.sqlite[c].p95Ms),
        f(r.sqlite[c].p99Ms),
        f(r.memory[c].p50Ms),
        f(r.memory[c].p95Ms),
        f(r.ratio[c].p50, 1),
        f(r.ratio[c].p95, 1),
      ]),
    ),
  );
  const baseline = table(
    ['profiles', 'load s', 'RSS before MiB', 'RSS after MiB', 'RSS peak MiB', 'mismatches'],
    results.map((r) => [
      int(r.profiles),
      f(r.memory.loadMs / 1000, 1),
      int(r.memory.rssBeforeMiB),
      int(r.memory.rssAfterMiB),
      int(r.memory.peakMiB),
      r.mismatches.length,
    ]),
  );
  return [
    '### Import (SQLite store + embedded index)',
    imports,
    '### Match latency, ms (embedded SQLite index vs exhaustive scan; × = scan / index)',
    queries,
    '### Exhaustive baseline (in-memory scan over the same active profiles)',
    baseline,
  ].join('\n\n');
}

/** The targets, checked on the largest size run. */
export function formatTargets(r: SizeResult): string {
  const check = (ok: boolean, text: string) => `- [${ok ? 'x' : ' '}] ${text}`;
  const all = r.sqlite.all;
  const closed = r.sqlite['closed-cluster'];
  const closedRatio = r.ratio['closed-cluster'];
  return [
    `### Targets at ${int(r.profiles)} profiles`,
    check(all.p95Ms <= 5, `match p95 ≤ 5 ms: ${f(all.p95Ms)} ms`),
    check(
      r.ratio.all.p50 >= 25 && r.ratio.all.p95 >= 25,
      `≥ 25× the exhaustive scan: ×${f(r.ratio.all.p50, 1)} (p50), ×${f(r.ratio.all.p95, 1)} (p95)`,
    ),
    check(
      closed.p95Ms <= 5,
      `closed cluster, constraints inside the query: p95 ≤ 5 ms: ${f(closed.p95Ms)} ms (n = ${closed.n})`,
    ),
    check(
      closedRatio.p50 > 25 && closedRatio.p95 > 25,
      `closed cluster: > 25× the exhaustive scan: ×${f(closedRatio.p50, 1)} (p50), ×${f(closedRatio.p95, 1)} (p95)`,
    ),
    check(r.mismatches.length === 0, `identical top-k: ${r.mismatches.length} mismatches`),
    check(r.import.overallPerSec >= 5000, `import ≥ 5,000/s: ${int(r.import.overallPerSec)}/s`),
    check(r.rss.peakMiB <= 1536, `≤ 1.5 GiB resident: peak ${int(r.rss.peakMiB)} MiB`),
  ].join('\n');
}

/** Latency per referral shape, embedded index and exhaustive scan side by side, for one size. */
export function formatShapes(r: SizeResult): string {
  const rows = Object.entries(r.sqliteByShape).map(([shape, l]) => {
    const m = r.memoryByShape[shape];
    return [
      shape,
      l.n,
      f(l.meanHits, 1),
      f(l.p50Ms),
      f(l.p95Ms),
      f(l.maxMs),
      f(m?.p50Ms ?? Number.NaN),
      f(m?.p95Ms ?? Number.NaN),
      f((m?.p50Ms ?? Number.NaN) / l.p50Ms, 1),
      f((m?.p95Ms ?? Number.NaN) / l.p95Ms, 1),
    ];
  });
  return [
    `### By referral shape at ${int(r.profiles)} profiles (ms; sqlite = embedded index, scan = exhaustive; × = scan / index)`,
    table(
      ['shape', 'n', 'hits', 'sqlite p50', 'p95', 'max', 'scan p50', 'p95', '×p50', '×p95'],
      rows,
    ),
  ].join('\n\n');
}

/** What the closed clusters changed, per size. */
export function formatClusters(results: readonly SizeResult[]): string {
  return [
    '### Closed clusters (laid over the profiles as they are imported; s = time inside the import)',
    table(
      ['profiles', 'centres', 'radius km', 'closed', 'unreachable', 's'],
      results.map((r) => [
        int(r.profiles),
        r.clusters.centres,
        r.clusters.radiusKm,
        int(r.clusters.closed),
        int(r.clusters.unreachable),
        f(r.clusters.ms / 1000, 1),
      ]),
    ),
  ].join('\n\n');
}
