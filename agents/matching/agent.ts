import { explainNoMatch, type NoMatch, rankHits, type Weights } from '../../retrieval/index.js';
import type { Candidate, GeoPoint, SpecialtyMatch, Urgency } from '../../src/domain/index.js';
import type { ToolRuntime, ToolScope } from '../../tools/index.js';
import { runAgentTool } from '../tool-permissions.js';

export interface MatchInput {
  /** Acceptable specialties, most specific first (never empty). */
  specialties: readonly SpecialtyMatch[];
  reason: string;
  urgency: Urgency;
  near: GeoPoint;
  language: string;
  /** Networks the patient's plan pays in; ignored when the coverage is not active. */
  networkIds: readonly string[];
  coverageActive: boolean;
  excludedNpis: readonly string[];
  radiusKm: number;
  limit: number;
  weights: { routine: Weights; urgent: Weights };
}

export interface MatchResult {
  candidates: Candidate[];
  /** The best valid candidate, or null when none passed every check. */
  recommendedId: string | null;
  /** Set when no candidate is valid: why, and the nearest ways out. */
  noMatch: NoMatch | null;
}

const SEARCH_WIDTH = 50;
/** How far the search for ways out reaches when nothing fits within the radius. */
const WIDE_RADIUS_KM = 400;

/**
 * Retrieves in-network specialists near the patient, checks and ranks them, and returns the top
 * `limit` valid ones. When none is valid it says why and finds the nearest ways out.
 */
export async function runMatching(
  input: MatchInput,
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<MatchResult> {
  const networkIds = input.coverageActive ? input.networkIds : [];
  const ctx = {
    specialties: input.specialties,
    radiusKm: input.radiusKm,
    language: input.language,
    networkIds,
    urgency: input.urgency,
    excludedNpis: input.excludedNpis,
    weights: input.weights,
  };
  const search = async (radiusKm: number, networks?: readonly string[]) =>
    rankHits(
      await runAgentTool(
        'matching',
        'search_specialists',
        {
          taxonomies: [...new Set(input.specialties.flatMap((s) => s.taxonomies))],
          near: input.near,
          radiusKm,
          text: input.reason,
          limit: SEARCH_WIDTH,
          ...(networks ? { networkIds: [...networks] } : {}),
        },
        scope,
        runtime,
      ),
      ctx,
    );
  const valid =
    networkIds.length > 0
      ? (await search(input.radiusKm, networkIds)).filter((c) => c.isValid)
      : [];
  if (valid.length > 0) {
    const candidates = valid.slice(0, input.limit);
    return { candidates, recommendedId: candidates[0]?.candidateId ?? null, noMatch: null };
  }
  const near = await search(input.radiusKm);
  const wide = networkIds.length > 0 ? await search(WIDE_RADIUS_KM, networkIds) : [];
  const noMatch = explainNoMatch({
    specialties: input.specialties,
    radiusKm: input.radiusKm,
    coverageActive: input.coverageActive,
    near,
    wide,
  });
  return { candidates: near.slice(0, input.limit), recommendedId: null, noMatch };
}
