import type { GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** Queues the packet for the approved specialist through the outbox, with the `sent` write-back. */
export const dispatchNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const candidate = state.candidates.find((c) => c.candidateId === state.selectedId);
    if (!candidate?.delivery || !state.packet) {
      throw new Error('dispatch ran without an approved, reachable candidate');
    }
    const status = await transition(deps, state, 'sent', {
      data: { candidateId: candidate.candidateId, channel: candidate.delivery.channel },
      outbox: [
        {
          kind: 'specialist_message',
          referralId: state.referralId,
          recipient: { npi: candidate.npi, name: candidate.name, ...candidate.delivery },
          subject: state.packet.subject,
          body: state.packet.body,
        },
      ],
    });
    return { status };
  };
