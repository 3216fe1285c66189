import type {
  DirectoryProfile,
  PlannedSpecialty,
  RankingFactor,
  SpecialistOutcome,
  SpecialtyTier,
  TierAttempt,
  Urgency,
} from '../src/domain/index.js';

export type FactorName = RankingFactor['name'];
export type Weights = Record<FactorName, number>;

export interface RankContext {
  /** Acceptable specialties of the tier being ranked, most specific first: an earlier one scores higher. */
  specialties: readonly PlannedSpecialty[];
  /** The plan tier the specialties belong to (absent: preferred). */
  tier?: SpecialtyTier;
  /** The tiers tried before this one and why each had no one, for the explanation. */
  tried?: readonly TierAttempt[];
  radiusKm: number;
  language: string;
  /** Networks the patient's active plan pays in; empty when the coverage is inactive. */
  networkIds: readonly string[];
  urgency: Urgency;
  excludedNpis: readonly string[];
  /** Weights per urgency (config `RANKING_WEIGHTS`). */
  weights: { routine: Weights; urgent: Weights };
  /** What the practice's own referrals show, by NPI (absent: only the directory's facts). */
  outcomes?: ReadonlyMap<string, SpecialistOutcome>;
}

/** The first acceptable specialty the profile qualifies as, with its rank in the list. */
export function qualification(p: DirectoryProfile, specialties: readonly PlannedSpecialty[]) {
  for (const [rank, s] of specialties.entries()) {
    const taxonomy = p.taxonomyCodes.find((t) => s.taxonomies.includes(t));
    if (taxonomy) return { specialty: s, taxonomy, rank };
  }
  return null;
}
