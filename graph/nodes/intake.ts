import { runIntake } from '../../agents/index.js';
import { type GraphDeps, modeFor } from '../deps.js';
import { stageFailed } from '../stage-error.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/**
 * Reads the referral, picks its type (the specialty a coordinator chose, else the inferred one) and
 * rollout mode, and marks the search as started.
 */
export const intakeNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const scope = { practiceId: state.practiceId, referralId: state.referralId };
    try {
      const runtime = { deps: deps.tools, audit: deps.store.audit };
      const fetched = state.round === 0 ? state.referral : null;
      const { referral, specialty } = await runIntake(
        scope,
        runtime,
        fetched,
        state.chosenSpecialty,
      );
      const referralType = specialty.specialties[0]?.key ?? 'unmapped';
      const mode = modeFor(deps, referralType);
      const status = await transition(deps, { ...state, referralType, mode }, 'search_initiated', {
        data: {
          specialty: referralType,
          confidence: specialty.confidence,
          source: specialty.source,
          evidence: specialty.evidence,
        },
      });
      return { referral, specialty, referralType, mode, status, exception: null };
    } catch (error) {
      return stageFailed(error, 'intake');
    }
  };
