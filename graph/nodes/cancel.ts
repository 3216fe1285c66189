import { cancellationToOffice } from '../../agents/index.js';
import { type OutboxPayload, type ReferralStatus, TaskKind } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { selectedCandidate } from '../selected.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** The office holds the referral from `sent` until the visit: only then is it told of a cancellation. */
const OFFICE_HAS_IT: readonly ReferralStatus[] = ['sent', 'acknowledged', 'scheduled', 'seen'];

/**
 * Cancelled by the EHR or a coordinator while waiting: stop the timers, and tell the office. While
 * the packet is still queued (`approved`) it is taken back with the patient's message; if it has
 * already left, the office is told as well.
 */
export const cancelNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const event = state.responses.at(-1);
    const notice = (): OutboxPayload => {
      const candidate = selectedCandidate(state);
      return {
        kind: 'specialist_message',
        purpose: 'cancellation',
        referralId: state.referralId,
        recipient: { npi: candidate.npi, name: candidate.name, ...candidate.delivery },
        ...cancellationToOffice(state.referralId, candidate.name),
      };
    };
    const officeHasIt = OFFICE_HAS_IT.includes(state.status);
    const queued = state.status === 'approved';
    const status = await transition(deps, state, 'cancelled', {
      actor: event?.source ?? 'system',
      data: { officeTold: officeHasIt, recalled: queued, by: event?.source ?? 'system' },
      note: event?.note ?? 'cancelled',
      // Nothing is left to do for a cancelled referral.
      closeTasks: TaskKind.options,
      outbox: officeHasIt ? [notice()] : [],
      ...(queued
        ? { recall: { kinds: ['specialist_message', 'patient_message'], ifTooLate: [notice()] } }
        : {}),
    });
    await deps.store.timers.clear(state.practiceId, state.referralId);
    return { status, outcome: 'cancelled' };
  };
