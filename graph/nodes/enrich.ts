import { runEnrichment } from '../../agents/index.js';
import { agentContext, type GraphDeps } from '../deps.js';
import { stageFailed } from '../stage-error.js';
import type { State, Update } from '../state.js';

/** Patient, coverage, network status and the relevant history, through the approved tools. */
export const enrichNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    if (!state.referral) throw new Error('enrich ran before intake');
    try {
      const labels = state.specialty?.specialties.map((s) => s.label) ?? [];
      return await runEnrichment(
        state.referral,
        labels,
        agentContext(deps, state),
        deps.clock.now(),
      );
    } catch (error) {
      return stageFailed(error, 'enrich');
    }
  };
