import { runMatching } from '../../agents/index.js';
import type { GraphDeps } from '../deps.js';
import { stageFailed } from '../stage-error.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** Retrieves, validates and ranks specialists; no valid candidate means a human must step in. */
export const matchNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    if (!state.referral || !state.patient || !state.specialty)
      throw new Error('match ran before enrich');
    if (state.specialty.specialties.length === 0) {
      return {
        candidates: [],
        recommendedId: null,
        alternatives: [],
        exception: {
          reason: 'specialty_unmapped',
          stage: 'match',
          code: 'SPECIALTY_UNMAPPED',
          detail:
            'Neither the diagnosis codes nor the reason map to a specialty; a coordinator must choose one',
        },
      };
    }
    try {
      const result = await runMatching(
        {
          specialties: state.specialty.specialties,
          reason: state.referral.reason,
          urgency: state.referral.urgency,
          near: state.patient.location,
          language: state.patient.language,
          networkIds: state.network?.networkIds ?? [],
          coverageActive: state.network?.coverageActive ?? false,
          excludedNpis: state.excludedNpis,
          limit: deps.matching.limit,
          weights: deps.matching.weights,
          radiusKm: state.referral.preferredRadiusKm ?? deps.matching.radiusKm,
        },
        { practiceId: state.practiceId, referralId: state.referralId },
        { deps: deps.tools, audit: deps.store.audit },
      );
      if (!result.recommendedId) {
        return {
          candidates: result.candidates,
          recommendedId: null,
          alternatives: result.noMatch?.alternatives ?? [],
          exception: {
            reason: 'no_valid_candidate',
            stage: 'match',
            code: 'NO_VALID_CANDIDATE',
            ...(result.noMatch ? { detail: result.noMatch.reason } : {}),
          },
        };
      }
      const status = await transition(deps, state, 'candidates_identified', {
        data: { candidates: result.candidates.length, recommended: result.recommendedId },
      });
      return {
        candidates: result.candidates,
        recommendedId: result.recommendedId,
        alternatives: [],
        status,
        exception: null,
      };
    } catch (error) {
      return stageFailed(error, 'match');
    }
  };
