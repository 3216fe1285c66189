import { rankCandidates } from '../../retrieval/index.js';
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
}

const SEARCH_WIDTH = 25;

/** Retrieves specialists, validates and ranks them; returns the top `limit` with their reasons. */
export async function runMatching(
  input: MatchInput,
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<MatchResult> {
  const profiles = await runTool(
    'search_specialists',
    {
      taxonomies: [...new Set(input.specialties.flatMap((s) => s.taxonomies))],
      near: input.patient.location,
      radiusKm: input.radiusKm,
      limit: SEARCH_WIDTH,
    },
    scope,
    runtime,
  );
  const ranked = rankCandidates(profiles, {
    specialties: input.specialties,
    near: input.patient.location,
    radiusKm: input.radiusKm,
    language: input.patient.language,
    networkIds: input.network?.coverageActive ? input.network.networkIds : [],
    urgency: input.referral.urgency,
    excludedNpis: input.excludedNpis,
  });
  const candidates = ranked.slice(0, input.limit);
  return { candidates, recommendedId: candidates.find((c) => c.isValid)?.candidateId ?? null };
}
