import type {
  AgentRun,
  Candidate,
  NetworkStatus,
  Patient,
  Referral,
  SpecialtyInference,
  SpecialtyTier,
} from '../../src/domain/index.js';
import { type AgentContext, policyRun } from '../llm/index.js';
import type { PatientPhi } from '../phi-context.js';
import { type MatchInput, runMatching } from './agent.js';
import { type ChosenSpecialist, matchChosenSpecialist } from './chosen-specialist.js';
import { RERANK_PROMPT } from './prompts.js';
import { refineSpecialty } from './refine-specialty.js';
import { rerankCandidates } from './rerank.js';

export interface ReferralMatchInput {
  referral: Referral;
  patient: Patient;
  specialty: SpecialtyInference;
  network: NetworkStatus | null;
  clinicalSummary: string | null;
  excludedNpis: readonly string[];
  /** A specialist a coordinator chose: checked and proposed instead of a search. */
  chosen: ChosenSpecialist | null;
  phi: PatientPhi;
  settings: Pick<MatchInput, 'limit' | 'searchWidth' | 'weights' | 'radiusKm'>;
}

/** Why a coordinator must step in instead of a review. */
export interface MatchProblem {
  reason: 'specialty_unmapped' | 'no_valid_candidate' | 'chosen_specialist_ineligible';
  code: string;
  detail?: string;
}

export interface ReferralMatch {
  specialty: SpecialtyInference;
  candidates: Candidate[];
  recommendedId: string | null;
  /** The LLM's justification of its pick (de-identified); null when the rules decided. */
  rationale: string | null;
  /** When nothing fits: the nearest ways out. */
  alternatives: Candidate[];
  tier: SpecialtyTier | null;
  /** Who ordered the candidates: the LLM, the rules, or the coordinator who chose the specialist. */
  path: 'llm' | 'deterministic' | 'coordinator';
  problem: MatchProblem | null;
}

const UNMAPPED: MatchProblem = {
  reason: 'specialty_unmapped',
  code: 'SPECIALTY_UNMAPPED',
  detail:
    'Neither the diagnosis codes nor the reason map to a specialty; a coordinator must choose one',
};

/**
 * A referral's match step: the LLM may refine an unsure specialty; then either the specialist a
 * coordinator chose is checked like any candidate, or the directory is searched, validated and
 * ranked (the LLM may re-order the eligible candidates). `runs` collects each agent step taken,
 * also when a later one fails.
 */
export async function matchReferral(
  input: ReferralMatchInput,
  ctx: AgentContext,
  runs: AgentRun[],
): Promise<ReferralMatch> {
  const { referral, patient, phi } = input;
  const refined = await refineSpecialty(
    input.specialty,
    { reason: () => phi.deidentify(referral.reason), diagnosisCodes: referral.diagnosisCodes },
    ctx,
    phi.deidentify,
  );
  if (refined.run) runs.push(refined.run);
  const specialty = refined.specialty;
  const common = {
    urgency: referral.urgency,
    urgentCondition: specialty.urgentCondition,
    near: patient.location,
    language: patient.language,
    networkIds: input.network?.networkIds ?? [],
    coverageActive: input.network?.coverageActive ?? false,
    excludedNpis: input.excludedNpis,
    weights: input.settings.weights,
    radiusKm: input.settings.radiusKm,
  };
  const none = { rationale: null, alternatives: [], tier: null };
  if (input.chosen) {
    const chosen = await matchChosenSpecialist(
      input.chosen,
      specialty,
      common,
      ctx.scope,
      ctx.runtime,
    );
    runs.push(
      policyRun(
        'matching',
        'rerank',
        RERANK_PROMPT,
        'not_needed',
        'the coordinator chose the specialist',
      ),
    );
    return {
      ...none,
      specialty: chosen.specialty,
      candidates: chosen.candidates,
      recommendedId: chosen.recommendedId,
      path: 'coordinator',
      problem: chosen.refusal
        ? {
            reason: 'chosen_specialist_ineligible',
            code: 'CHOSEN_SPECIALIST_INELIGIBLE',
            detail: chosen.refusal,
          }
        : null,
    };
  }
  if (specialty.specialties.length === 0) {
    return {
      ...none,
      specialty,
      candidates: [],
      recommendedId: null,
      path: 'deterministic',
      problem: UNMAPPED,
    };
  }
  const result = await runMatching(
    {
      ...common,
      specialties: specialty.specialties,
      reason: referral.reason,
      limit: input.settings.limit,
      searchWidth: input.settings.searchWidth,
    },
    ctx.scope,
    ctx.runtime,
  );
  if (!result.recommendedId) {
    return {
      ...none,
      specialty,
      candidates: result.candidates,
      recommendedId: null,
      alternatives: result.noMatch?.alternatives ?? [],
      path: 'deterministic',
      problem: {
        reason: 'no_valid_candidate',
        code: 'NO_VALID_CANDIDATE',
        ...(result.noMatch ? { detail: result.noMatch.reason } : {}),
      },
    };
  }
  const ranked = await rerankCandidates(
    result.candidates,
    {
      urgency: referral.urgency,
      diagnosisCodes: referral.diagnosisCodes,
      specialty: specialty.specialties[0]?.label ?? 'specialist',
      reason: () => phi.deidentify(referral.reason),
      clinicalSummary: input.clinicalSummary,
      ageBand: phi.ageBand,
      language: patient.language,
    },
    ctx,
    phi.deidentify,
  );
  runs.push(ranked.run);
  return {
    specialty,
    candidates: ranked.candidates,
    recommendedId: ranked.recommendedId,
    rationale: ranked.justification,
    alternatives: [],
    tier: result.tier,
    path: ranked.run.path,
    problem: null,
  };
}
