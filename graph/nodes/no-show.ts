import { noShowTask, rebookToPatient } from '../../agents/index.js';
import type { OutboxPayload } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { selectedCandidate } from '../selected.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** A missed appointment (SIU^S26, or no visit by the day after): ask the patient to rebook, tell a coordinator. */
export const noShowNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const candidate = selectedCandidate(state);
    const attempt = state.loop.noShows + 1;
    const outbox: OutboxPayload[] = [];
    if (state.patient) {
      const message = rebookToPatient(state.patient.language, candidate.name);
      outbox.push({
        kind: 'patient_message',
        referralId: state.referralId,
        patientId: state.patient.id,
        channel: state.patient.preferredChannel,
        language: message.language,
        body: message.text,
      });
    }
    await transition(deps, state, 'acknowledged', {
      keySuffix: `no-show-${attempt}`,
      data: { noShow: attempt },
      outcome: { milestone: 'no_show' },
      outbox,
      tasks: [noShowTask(state.referralId)],
    });
    const at = deps.clock.now().toISOString();
    return {
      status: 'acknowledged',
      loop: {
        ...state.loop,
        noShows: attempt,
        appointmentAt: null,
        acknowledgedAt: at,
        followUps: 0,
        lastFollowUpAt: null,
      },
    };
  };
