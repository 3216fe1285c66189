import type { GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/**
 * Ends the thread: a referral whose consult note is in is `closed`; every path stops its timers
 * and records where the automated part of its journey ended, and why.
 */
export const closeNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const closes = state.status === 'consult_received';
    const status = closes ? await transition(deps, state, 'closed') : state.status;
    await deps.store.timers.clear(state.practiceId, state.referralId);
    const outcome = closes ? 'closed' : state.outcome;
    await deps.store.audit.append({
      practiceId: state.practiceId,
      referralId: state.referralId,
      actor: 'system',
      action: 'thread.ended',
      data: { outcome, status, round: state.round },
    });
    return { status, outcome };
  };
