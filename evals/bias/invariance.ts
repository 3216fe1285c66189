/** What one run put in front of the coordinator, reduced to what the invariance test compares. */
export interface RankedOutcome {
  status: 'matched' | 'exception';
  /** The top-k shown, in order (the recommendation first when matched). */
  ids: readonly string[];
}

export interface PairComparison {
  identical: boolean;
  /** Kendall's tau-b over the union of the two lists, in [-1, 1]. */
  tau: number;
}

/**
 * Kendall's tau-b of two top-k lists over their union: an item missing from a list ranks after
 * all of that list's items (tied with the other missing ones). With no comparable pair (an empty
 * union, one item, or a list that ranks every item alike) it is 1 when the lists are the same and
 * 0 otherwise.
 */
export function kendallTauOverUnion(a: readonly string[], b: readonly string[]): number {
  const union = [...new Set([...a, ...b])];
  const rankIn = (list: readonly string[], id: string) => {
    const i = list.indexOf(id);
    return i === -1 ? list.length : i;
  };
  const ra = union.map((id) => rankIn(a, id));
  const rb = union.map((id) => rankIn(b, id));
  let concordant = 0;
  let discordant = 0;
  let tiedA = 0;
  let tiedB = 0;
  for (let i = 0; i < union.length; i++) {
    for (let j = i + 1; j < union.length; j++) {
      const da = Math.sign((ra[i] as number) - (ra[j] as number));
      const db = Math.sign((rb[i] as number) - (rb[j] as number));
      if (da === 0 && db === 0) continue;
      if (da === 0) tiedA++;
      else if (db === 0) tiedB++;
      else if (da === db) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt(
    (concordant + discordant + tiedA) * (concordant + discordant + tiedB),
  );
  if (denominator === 0) return sameList(a, b) ? 1 : 0;
  return (concordant - discordant) / denominator;
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Identical: the same status and the same top-k in the same order. */
export function compareOutcomes(base: RankedOutcome, variant: RankedOutcome): PairComparison {
  return {
    identical: base.status === variant.status && sameList(base.ids, variant.ids),
    tau: kendallTauOverUnion(base.ids, variant.ids),
  };
}
