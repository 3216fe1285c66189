import {
  chosenSpecialty,
  rankHits,
  type SpecialtyKey,
  specialtyOfTaxonomy,
} from '../../retrieval/index.js';
import {
  type Candidate,
  type CandidateChecks,
  type DirectoryProfile,
  isAppError,
  type SpecialtyInference,
} from '../../src/domain/index.js';
import type { ToolRuntime, ToolScope } from '../../tools/index.js';
import { runAgentTool } from '../tool-permissions.js';
import type { MatchInput } from './agent.js';

/** A specialist a coordinator found in the directory and chose at an exception. */
export interface ChosenSpecialist {
  npi: string;
  /** null: the location that suits the patient best. */
  locationId: string | null;
}

export interface ChosenMatch {
  /** The plan the specialist was checked against (the specialist's own when the referral had none). */
  specialty: SpecialtyInference;
  /** The specialist as a candidate, with every check; empty when the directory cannot place them. */
  candidates: Candidate[];
  recommendedId: string | null;
  /** Why they cannot be proposed (the failed checks, named); null when every check passed. */
  refusal: string | null;
}

/** The checks a candidate must pass, as a coordinator reads them. */
const HARD_CHECKS: Partial<Record<keyof CandidateChecks, string>> = {
  specialtyMatches: 'specialty',
  inNetwork: "in network for the patient's plan",
  acceptingNewPatients: 'accepting new patients',
  withinDistance: 'within the distance',
  reachable: 'reachable (a delivery channel in the directory)',
};

/** What the coordinator chose the specialist as, when the referral's plan named no specialty. */
function planFromSpecialist(profile: DirectoryProfile, inferred: SpecialtyInference) {
  const key = profile.taxonomyCodes
    .map(specialtyOfTaxonomy)
    .find((k): k is SpecialtyKey => k !== undefined);
  return key ? chosenSpecialty(key, inferred.urgentCondition) : inferred;
}

/**
 * Checks the specialist a coordinator chose exactly like a retrieved candidate (specialty against
 * the plan, network, acceptance, distance, reachability) at the chosen location, or at their best
 * one for the patient. Proposed only when every check passes; otherwise the candidate comes back
 * with its failed checks and a refusal naming them. Never a recipient the directory does not vouch
 * for: an unknown or inactive NPI, or one declined or rejected for this referral, is refused.
 */
export async function matchChosenSpecialist(
  chosen: ChosenSpecialist,
  inferred: SpecialtyInference,
  input: Omit<MatchInput, 'specialties' | 'reason' | 'limit' | 'searchWidth'>,
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<ChosenMatch> {
  const who = `The chosen specialist (NPI ${chosen.npi})`;
  const refused = (refusal: string): ChosenMatch => ({
    specialty: inferred,
    candidates: [],
    recommendedId: null,
    refusal,
  });
  if (input.excludedNpis.includes(chosen.npi)) {
    return refused(`${who} declined or was rejected for this referral`);
  }
  const lookup = { npi: chosen.npi, near: input.near };
  const hits = await runAgentTool(
    'matching',
    'get_specialist',
    chosen.locationId ? { ...lookup, locationId: chosen.locationId } : lookup,
    scope,
    runtime,
  ).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (hits === null) return refused(`${who} is not an active practitioner of the directory`);
  const [first] = hits;
  if (!first) {
    return refused(
      `${who} has no practice location with a known position${chosen.locationId ? ' under that location id' : ''}`,
    );
  }
  const specialty =
    inferred.specialties.length > 0 ? inferred : planFromSpecialist(first.profile, inferred);
  const outcomes = await runAgentTool(
    'matching',
    'get_specialist_outcomes',
    { npis: [chosen.npi] },
    scope,
    runtime,
  );
  const [candidate] = rankHits(hits, {
    specialties: specialty.specialties,
    radiusKm: input.radiusKm,
    language: input.language,
    networkIds: input.coverageActive ? input.networkIds : [],
    urgency: input.urgency === 'routine' && input.urgentCondition ? 'urgent' : input.urgency,
    excludedNpis: [],
    weights: input.weights,
    outcomes: new Map(outcomes.map((o) => [o.npi, o])),
  });
  if (!candidate) throw new Error('ranking dropped the chosen specialist');
  if (candidate.isValid) {
    return {
      specialty,
      candidates: [candidate],
      recommendedId: candidate.candidateId,
      refusal: null,
    };
  }
  const failed = Object.entries(HARD_CHECKS)
    .filter(([check]) => !candidate.checks[check as keyof CandidateChecks])
    .map(([, words]) => words);
  return {
    specialty,
    candidates: [candidate],
    recommendedId: null,
    refusal: `${who} at ${candidate.locationId} failed: ${failed.join('; ')}`,
  };
}
