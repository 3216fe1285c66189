import { gapInCareTask } from '../../agents/index.js';
import type { GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** No consult note in time after the visit: a coordinator task, and an EHR task for the referring provider. */
export const gapTaskNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const task = gapInCareTask(state.referralId);
    await transition(deps, state, state.status, {
      keySuffix: 'gap-in-care',
      data: { gap: 'consult_note' },
      tasks: [task],
      outbox: [
        { kind: 'ehr_task', referralId: state.referralId, title: task.title, detail: task.detail },
      ],
    });
    return { loop: { ...state.loop, gapRaised: true } };
  };
