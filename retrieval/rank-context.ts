import type {
  DirectoryProfile,
  RankingFactor,
  SpecialtyMatch,
  Urgency,
} from '../src/domain/index.js';

export type FactorName = RankingFactor['name'];
export type Weights = Record<FactorName, number>;

export interface RankContext {
  /** Acceptable specialties, most specific first: a match on an earlier one scores higher. */
  specialties: readonly SpecialtyMatch[];
  radiusKm: number;
  language: string;
  /** Networks the patient's active plan pays in; empty when the coverage is inactive. */
  networkIds: readonly string[];
  urgency: Urgency;
  excludedNpis: readonly string[];
  /** Weights per urgency (config `RANKING_WEIGHTS`). */
  weights: { routine: Weights; urgent: Weights };
}

/** The first acceptable specialty the profile qualifies as, with its rank in the list. */
export function qualification(p: DirectoryProfile, specialties: readonly SpecialtyMatch[]) {
  for (const [rank, s] of specialties.entries()) {
    const taxonomy = p.taxonomyCodes.find((t) => s.taxonomies.includes(t));
    if (taxonomy) return { specialty: s, taxonomy, rank };
  }
  return null;
}
