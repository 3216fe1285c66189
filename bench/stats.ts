/** Summary figures for one measured run. */
export interface Summary {
  n: number;
  wallMs: number;
  throughputPerSec: number;
  meanMs: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Percentile by linear interpolation between closest ranks; `sorted` must be ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (rank - lo);
}

export function summarize(latenciesMs: readonly number[], wallMs: number): Summary {
  const sorted = [...latenciesMs].sort((x, y) => x - y);
  const sum = sorted.reduce((acc, x) => acc + x, 0);
  return {
    n: sorted.length,
    wallMs,
    throughputPerSec: (sorted.length / wallMs) * 1000,
    meanMs: sum / sorted.length,
    minMs: sorted[0] ?? Number.NaN,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Mean, median and the 95% interval of the mean (normal approximation) of paired differences. */
export function pairedDifference(a: readonly number[], b: readonly number[]) {
  const d = a.map((x, i) => x - (b[i] ?? Number.NaN));
  const mean = d.reduce((acc, x) => acc + x, 0) / d.length;
  const variance = d.reduce((acc, x) => acc + (x - mean) ** 2, 0) / (d.length - 1);
  const half = 1.96 * Math.sqrt(variance / d.length);
  return {
    mean,
    median: percentile(
      [...d].sort((x, y) => x - y),
      50,
    ),
    lo: mean - half,
    hi: mean + half,
  };
}

/** A Markdown table, each column as wide as its widest cell. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
