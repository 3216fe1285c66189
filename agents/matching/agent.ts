import {
  explainNoMatch,
  type NoMatch,
  type RankContext,
  rankHits,
  type Weights,
} from '../../retrieval/index.js';
import type {
  Candidate,
  GeoPoint,
  IndexHit,
  PlannedSpecialty,
  SpecialtyTier,
  TierAttempt,
  Urgency,
} from '../../src/domain/index.js';
import type { ToolRuntime, ToolScope } from '../../tools/index.js';
import { runAgentTool } from '../tool-permissions.js';
import { type TierFilters, whyTierEmpty } from './why-tier-empty.js';

export interface MatchInput {
  /** The specialty plan: the preferred tier first, then acceptable fallbacks (never empty). */
  specialties: readonly PlannedSpecialty[];
  reason: string;
  urgency: Urgency;
  /** A same-day condition the plan found: a routine referral is then ranked with the urgent weights. */
  urgentCondition?: string | null;
  near: GeoPoint;
  language: string;
  /** Networks the patient's plan pays in; ignored when the coverage is not active. */
  networkIds: readonly string[];
  coverageActive: boolean;
  excludedNpis: readonly string[];
  radiusKm: number;
  limit: number;
  /** How many of the nearest eligible practitioners are ranked (config `MATCH_SEARCH_WIDTH`). */
  searchWidth: number;
  weights: { routine: Weights; urgent: Weights };
}

export interface MatchResult {
  candidates: Candidate[];
  /** The best valid candidate, or null when none passed every check. */
  recommendedId: string | null;
  /** The tier the candidates were found in; null when no tier had anyone. */
  tier: SpecialtyTier | null;
  /** The tiers tried before (or instead of) a match, and why each had no one. */
  tried: TierAttempt[];
  /** Set when no candidate is valid: why, tier by tier, and the nearest ways out. */
  noMatch: NoMatch | null;
}

/** How far the search for ways out reaches when nothing fits within the radius. */
const WIDE_RADIUS_KM = 400;
const TIERS: readonly SpecialtyTier[] = ['preferred', 'fallback'];
const taxonomiesOf = (specialties: readonly PlannedSpecialty[]) => [
  ...new Set(specialties.flatMap((s) => s.taxonomies)),
];

/**
 * Tries the plan's tiers in order. In each, the index returns the nearest practitioners that pass
 * every hard constraint (specialty, network, radius, open to new patients, reachable, not
 * excluded), the `searchWidth` nearest of them are ranked, and the top `limit` returned. When no
 * tier has anyone it says, tier by tier, which constraint emptied it, and finds the ways out.
 */
export async function runMatching(
  input: MatchInput,
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<MatchResult> {
  const networkIds = input.coverageActive ? input.networkIds : [];
  const eligible: TierFilters = {
    networkIds: [...networkIds],
    excludeNotAccepting: true,
    requireReachable: true,
    excludeNpis: [...input.excludedNpis],
  };
  const search = (
    specialties: readonly PlannedSpecialty[],
    radiusKm: number,
    limit: number,
    filters: TierFilters,
  ) =>
    runAgentTool(
      'matching',
      'search_specialists',
      {
        taxonomies: taxonomiesOf(specialties),
        near: input.near,
        radiusKm,
        text: input.reason,
        limit,
        ...filters,
      },
      scope,
      runtime,
    );
  /** Ranks with what the practice's own referrals show about each practitioner found. */
  const rank = async (hits: readonly IndexHit[], ctx: RankContext) => {
    const npis = [...new Set(hits.map((h) => h.profile.npi))];
    const outcomes =
      npis.length === 0
        ? []
        : await runAgentTool('matching', 'get_specialist_outcomes', { npis }, scope, runtime);
    return rankHits(hits, { ...ctx, outcomes: new Map(outcomes.map((o) => [o.npi, o])) });
  };
  const tried: TierAttempt[] = [];
  for (const tier of TIERS) {
    const specialties = input.specialties.filter((s) => s.tier === tier);
    if (specialties.length === 0) continue;
    const labels = specialties.map((s) => s.label);
    if (networkIds.length === 0) {
      tried.push({ tier, specialties: labels, failure: 'coverage_inactive' });
      continue;
    }
    const hits = await search(specialties, input.radiusKm, input.searchWidth, eligible);
    const ranked = await rank(hits, { ...ctxOf(input, networkIds, specialties), tier, tried });
    const valid = ranked.filter((c) => c.isValid);
    if (valid.length > 0) {
      const candidates = valid.slice(0, input.limit);
      return {
        candidates,
        recommendedId: candidates[0]?.candidateId ?? null,
        tier,
        tried,
        noMatch: null,
      };
    }
    const failure = await whyTierEmpty(
      (filters) => search(specialties, input.radiusKm, 1, filters),
      { networkIds, excludedNpis: input.excludedNpis },
    );
    tried.push({ tier, specialties: labels, failure });
  }
  const ctx = { ...ctxOf(input, networkIds, input.specialties), tier: 'preferred' as const, tried };
  const near = await rank(
    await search(input.specialties, input.radiusKm, input.searchWidth, {}),
    ctx,
  );
  const wide =
    networkIds.length > 0
      ? await rank(await search(input.specialties, WIDE_RADIUS_KM, input.limit, eligible), ctx)
      : [];
  const noMatch = explainNoMatch({ tried, radiusKm: input.radiusKm, near, wide });
  return {
    candidates: near.slice(0, input.limit),
    recommendedId: null,
    tier: null,
    tried,
    noMatch,
  };
}

function ctxOf(
  input: MatchInput,
  networkIds: readonly string[],
  specialties: readonly PlannedSpecialty[],
) {
  return {
    specialties,
    radiusKm: input.radiusKm,
    language: input.language,
    networkIds,
    urgency:
      input.urgency === 'routine' && input.urgentCondition ? ('urgent' as const) : input.urgency,
    excludedNpis: input.excludedNpis,
    weights: input.weights,
  };
}
