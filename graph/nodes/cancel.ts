import { cancellationToOffice } from '../../agents/index.js';
import type { OutboxPayload, ReferralStatus } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { selectedCandidate } from '../selected.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** The office holds the referral from `sent` until the visit: only then is it told of a cancellation. */
const OFFICE_HAS_IT: readonly ReferralStatus[] = ['sent', 'acknowledged', 'scheduled', 'seen'];

/** Cancelled by the EHR or a coordinator while waiting: stop the timers, and tell the office. */
export const cancelNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const event = state.responses.at(-1);
    const outbox: OutboxPayload[] = [];
    if (OFFICE_HAS_IT.includes(state.status)) {
      const candidate = selectedCandidate(state);
      outbox.push({
        kind: 'specialist_message',
        purpose: 'cancellation',
        referralId: state.referralId,
        recipient: { npi: candidate.npi, name: candidate.name, ...candidate.delivery },
        ...cancellationToOffice(state.referralId, candidate.name),
      });
    }
    const status = await transition(deps, state, 'cancelled', {
      actor: event?.source ?? 'system',
      data: { officeTold: outbox.length > 0, by: event?.source ?? 'system' },
      note: event?.note ?? 'cancelled',
      outbox,
    });
    await deps.store.timers.clear(state.practiceId, state.referralId);
    return { status, outcome: 'cancelled' };
  };
