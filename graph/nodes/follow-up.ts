import { followUpTask, followUpToOffice } from '../../agents/index.js';
import type { OutboxPayload } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { selectedCandidate } from '../selected.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';
import { timerPolicyOf } from '../wait.js';

/** The office has not answered in time: a follow-up to it, and with the last one a coordinator task. */
export const followUpNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const candidate = selectedCandidate(state);
    const attempt = state.loop.followUps + 1;
    const policy = timerPolicyOf(deps, state);
    const outbox: OutboxPayload[] = [];
    if (attempt <= policy.followUpsBeforeTask) {
      outbox.push({
        kind: 'specialist_message',
        purpose: 'follow_up',
        referralId: state.referralId,
        recipient: { npi: candidate.npi, name: candidate.name, ...candidate.delivery },
        ...followUpToOffice(state.referralId, candidate.name, attempt),
      });
    }
    const tasks =
      attempt >= policy.followUpsBeforeTask ? [followUpTask(state.referralId, attempt)] : [];
    await transition(deps, state, state.status, {
      keySuffix: `follow-up-${attempt}`,
      data: { followUp: attempt, taskRaised: tasks.length > 0 },
      outbox,
      tasks,
    });
    const at = deps.clock.now().toISOString();
    return { loop: { ...state.loop, followUps: attempt, lastFollowUpAt: at } };
  };
