/** The EEOC's rule of thumb: a group's favourable rate below 4/5 of the best group's is adverse. */
export const FOUR_FIFTHS = 0.8;
/** Groups smaller than this are reported but neither set the best rate nor get flagged. */
export const MIN_GROUP_SIZE = 10;

export interface GroupRate {
  group: string;
  /** Cases the rate is over. */
  n: number;
  favourable: number;
}

export interface FourFifthsRow extends GroupRate {
  rate: number | null;
  /** rate / the best compared group's rate; null when there is no rate or the best is 0. */
  ratio: number | null;
  /** Large enough to be compared (n ≥ MIN_GROUP_SIZE). */
  compared: boolean;
  /** A compared group below four fifths of the best. */
  adverse: boolean;
}

/** Each group's favourable rate against the best compared group's. */
export function fourFifths(
  groups: readonly GroupRate[],
  minGroupSize = MIN_GROUP_SIZE,
): FourFifthsRow[] {
  const rated = groups.map((g) => ({
    ...g,
    rate: g.n === 0 ? null : g.favourable / g.n,
    compared: g.n >= minGroupSize,
  }));
  const best = Math.max(
    0,
    ...rated.filter((g) => g.compared && g.rate !== null).map((g) => g.rate as number),
  );
  return rated.map((g) => {
    const ratio = g.rate === null || best === 0 ? null : g.rate / best;
    return { ...g, ratio, adverse: g.compared && ratio !== null && ratio < FOUR_FIFTHS - 1e-12 };
  });
}

/** The lowest ratio among compared groups (null when none can be compared). */
export function lowestRatio(rows: readonly FourFifthsRow[]): number | null {
  const ratios = rows.filter((r) => r.compared && r.ratio !== null).map((r) => r.ratio as number);
  return ratios.length === 0 ? null : Math.min(...ratios);
}
