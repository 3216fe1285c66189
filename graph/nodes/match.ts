import { matchReferral, patientPhi } from '../../agents/index.js';
import { type AgentRun, SpecialtyInference } from '../../src/domain/index.js';
import { agentContext, type GraphDeps } from '../deps.js';
import { stageFailed } from '../stage-error.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/**
 * Finds, validates and ranks specialists, or checks the one a coordinator chose (the matching
 * agent); no valid candidate means a human must step in. A chosen specialist is proposed once:
 * later rounds search again, and always go through review.
 */
export const matchNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const { referral, patient } = state;
    if (!referral || !patient || !state.specialty) throw new Error('match ran before enrich');
    const runs: AgentRun[] = [];
    try {
      const found = await matchReferral(
        {
          referral,
          patient,
          specialty: SpecialtyInference.parse(state.specialty),
          network: state.network,
          clinicalSummary: state.clinicalSummary,
          excludedNpis: state.excludedNpis,
          chosen: state.chosenSpecialist,
          phi: patientPhi(patient, state.coverage, deps.clock.now()),
          settings: {
            ...deps.matching,
            radiusKm: referral.preferredRadiusKm ?? deps.matching.radiusKm,
          },
        },
        agentContext(deps, state),
        runs,
      );
      const chosenBy = found.path === 'coordinator' ? ['specialist_chosen_by_coordinator'] : [];
      const update = {
        specialty: found.specialty,
        candidates: found.candidates,
        recommendedId: found.recommendedId,
        rationale: found.rationale,
        alternatives: found.alternatives,
        agentRuns: runs,
        chosenSpecialist: null,
        flags: [...state.flags, ...chosenBy],
      };
      if (found.problem) return { ...update, exception: { ...found.problem, stage: 'match' } };
      const status = await transition(deps, state, 'candidates_identified', {
        data: {
          candidates: found.candidates.length,
          recommended: found.recommendedId,
          tier: found.tier,
          path: found.path,
        },
      });
      return { ...update, status, exception: null };
    } catch (error) {
      return { ...stageFailed(error, 'match'), agentRuns: runs };
    }
  };
