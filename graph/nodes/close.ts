import type { GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';

/** Records where the automated part of the referral's journey ended, and why. */
export const closeNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    await deps.store.audit.append({
      practiceId: state.practiceId,
      referralId: state.referralId,
      actor: 'system',
      action: 'thread.ended',
      data: { outcome: state.outcome, status: state.status, round: state.round },
    });
    return {};
  };
