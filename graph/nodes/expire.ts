import { expiredTask } from '../../agents/index.js';
import type { GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** The loop never closed: `expired`, with a task for the coordinator. */
export const expireNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const status = await transition(deps, state, 'expired', {
      data: { from: state.status },
      tasks: [expiredTask(state.referralId)],
    });
    await deps.store.timers.clear(state.practiceId, state.referralId);
    return { status, outcome: 'expired' };
  };
