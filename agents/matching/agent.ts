import { explainNoMatch, type NoMatch, rankCandidates } from '../../retrieval/index.js';
import type {
  Candidate,
  NetworkStatus,
  Patient,
  Referral,
  SpecialtyMatch,
} from '../../src/domain/index.js';
import { runTool, type ToolRuntime, type ToolScope } from '../../tools/index.js';

export interface MatchInput {
  referral: Referral;
  /** Acceptable specialties, most specific first (never empty). */
  specialties: readonly SpecialtyMatch[];
  patient: Patient;
  network: NetworkStatus | null;
  excludedNpis: readonly string[];
  radiusKm: number;
  limit: number;
}

export interface MatchResult {
  candidates: Candidate[];
  /** The best valid candidate, or null when none passed every check. */
  recommendedId: string | null;
  /** Set when no candidate is valid: why, and the nearest ways out. */
  noMatch: NoMatch | null;
}

const SEARCH_WIDTH = 25;
/** How far the search for ways out reaches when nothing fits within the radius. */
const WIDE_RADIUS_KM = 400;

/** Retrieves specialists, validates and ranks them; returns the top `limit` with their reasons. */
export async function runMatching(
  input: MatchInput,
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<MatchResult> {
  const taxonomies = [...new Set(input.specialties.flatMap((s) => s.taxonomies))];
  const near = input.patient.location;
  const rankContext = {
    specialties: input.specialties,
    near,
    radiusKm: input.radiusKm,
    language: input.patient.language,
    networkIds: input.network?.coverageActive ? input.network.networkIds : [],
    urgency: input.referral.urgency,
    excludedNpis: input.excludedNpis,
  };
  const search = async (radiusKm: number) =>
    rankCandidates(
      await runTool(
        'search_specialists',
        { taxonomies, near, radiusKm, limit: SEARCH_WIDTH },
        scope,
        runtime,
      ),
      rankContext,
    );
  const ranked = await search(input.radiusKm);
  const candidates = ranked.slice(0, input.limit);
  const recommendedId = candidates.find((c) => c.isValid)?.candidateId ?? null;
  if (recommendedId) return { candidates, recommendedId, noMatch: null };
  const wide = input.radiusKm < WIDE_RADIUS_KM ? await search(WIDE_RADIUS_KM) : ranked;
  const noMatch = explainNoMatch({
    specialties: input.specialties,
    radiusKm: input.radiusKm,
    coverageActive: input.network?.coverageActive ?? false,
    near: ranked,
    wide,
  });
  return { candidates, recommendedId, noMatch };
}
