import { patientPhi, refineSpecialty, rerankCandidates, runMatching } from '../../agents/index.js';
import { type AgentRun, SpecialtyInference } from '../../src/domain/index.js';
import { agentContext, type GraphDeps } from '../deps.js';
import { stageFailed } from '../stage-error.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

const UNMAPPED = {
  reason: 'specialty_unmapped',
  stage: 'match',
  code: 'SPECIALTY_UNMAPPED',
  detail:
    'Neither the diagnosis codes nor the reason map to a specialty; a coordinator must choose one',
} as const;

/**
 * Retrieves, validates and ranks specialists (the LLM may refine an unsure specialty and re-order
 * the eligible candidates); no valid candidate means a human must step in.
 */
export const matchNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const { referral, patient } = state;
    if (!referral || !patient || !state.specialty) throw new Error('match ran before enrich');
    const ctx = agentContext(deps, state);
    const phi = patientPhi(patient, state.coverage, deps.clock.now());
    const runs: AgentRun[] = [];
    try {
      const refined = await refineSpecialty(
        SpecialtyInference.parse(state.specialty),
        {
          reason: () => phi.deidentify(referral.reason),
          diagnosisCodes: referral.diagnosisCodes,
        },
        ctx,
        phi.deidentify,
      );
      if (refined.run) runs.push(refined.run);
      const specialty = refined.specialty;
      if (specialty.specialties.length === 0) {
        return {
          specialty,
          candidates: [],
          recommendedId: null,
          alternatives: [],
          exception: UNMAPPED,
          agentRuns: runs,
        };
      }
      const result = await runMatching(
        {
          specialties: specialty.specialties,
          reason: referral.reason,
          urgency: referral.urgency,
          urgentCondition: specialty.urgentCondition,
          near: patient.location,
          language: patient.language,
          networkIds: state.network?.networkIds ?? [],
          coverageActive: state.network?.coverageActive ?? false,
          excludedNpis: state.excludedNpis,
          limit: deps.matching.limit,
          searchWidth: deps.matching.searchWidth,
          weights: deps.matching.weights,
          radiusKm: referral.preferredRadiusKm ?? deps.matching.radiusKm,
        },
        ctx.scope,
        ctx.runtime,
      );
      if (!result.recommendedId) {
        return {
          specialty,
          candidates: result.candidates,
          recommendedId: null,
          alternatives: result.noMatch?.alternatives ?? [],
          agentRuns: runs,
          exception: {
            reason: 'no_valid_candidate',
            stage: 'match',
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
          clinicalSummary: state.clinicalSummary,
          ageBand: phi.ageBand,
          language: patient.language,
        },
        ctx,
        phi.deidentify,
      );
      runs.push(ranked.run);
      const status = await transition(deps, state, 'candidates_identified', {
        data: {
          candidates: ranked.candidates.length,
          recommended: ranked.recommendedId,
          tier: result.tier,
          path: ranked.run.path,
        },
      });
      return {
        specialty,
        candidates: ranked.candidates,
        recommendedId: ranked.recommendedId,
        rationale: ranked.justification,
        alternatives: [],
        status,
        exception: null,
        agentRuns: runs,
      };
    } catch (error) {
      return { ...stageFailed(error, 'match'), agentRuns: runs };
    }
  };
