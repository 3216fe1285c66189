/** Counts per category (a specialty, a distance bin …); categories absent from one side count 0. */
export type Counts = Readonly<Record<string, number>>;

/** One category's part of a PSI: both shares after the epsilon, and its term. */
export interface PsiTerm {
  category: string;
  baseline: number;
  current: number;
  term: number;
}

const totalOf = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Each category's term of the population stability index, Σ (cur − base) · ln(cur / base) over
 * shares; a share of 0 is raised to `epsilon` so a category one window never saw stays finite.
 * Null when either window is empty.
 */
export function psiTerms(baseline: Counts, current: Counts, epsilon = 1e-4): PsiTerm[] | null {
  const nBase = totalOf(baseline);
  const nCur = totalOf(current);
  if (nBase <= 0 || nCur <= 0) return null;
  const categories = [...new Set([...Object.keys(baseline), ...Object.keys(current)])].sort();
  return categories.map((category) => {
    const b = Math.max((baseline[category] ?? 0) / nBase, epsilon);
    const c = Math.max((current[category] ?? 0) / nCur, epsilon);
    return { category, baseline: b, current: c, term: (c - b) * Math.log(c / b) };
  });
}

/** The population stability index of `current` against `baseline`; null when either is empty. */
export function psi(baseline: Counts, current: Counts, epsilon = 1e-4): number | null {
  const terms = psiTerms(baseline, current, epsilon);
  return terms === null ? null : terms.reduce((sum, t) => sum + t.term, 0);
}

/** Values counted into the bins `edges` cut ([−∞, e0), [e0, e1) … [e_last, ∞)), labelled by range. */
export function binCounts(
  values: readonly number[],
  edges: readonly number[],
): Record<string, number> {
  const labels = edges.map((e, i) => (i === 0 ? `<${e}` : `${edges[i - 1]}-${e}`));
  labels.push(`>=${edges[edges.length - 1]}`);
  const counts = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const v of values) {
    const i = edges.findIndex((e) => v < e);
    const label = labels[i === -1 ? labels.length - 1 : i] as string;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}
