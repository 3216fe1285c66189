import { runEnrichment } from '../../agents/index.js';
import type { GraphDeps } from '../deps.js';
import { stageFailed } from '../stage-error.js';
import type { State, Update } from '../state.js';

/** Patient, coverage and payer network status, through the approved tools. */
export const enrichNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    if (!state.referral) throw new Error('enrich ran before intake');
    try {
      const result = await runEnrichment(
        state.referral,
        { practiceId: state.practiceId, referralId: state.referralId },
        { deps: deps.tools, audit: deps.store.audit },
      );
      return { ...result };
    } catch (error) {
      return stageFailed(error, 'enrich');
    }
  };
