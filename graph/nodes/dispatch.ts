import { NEW_LOOP, type OutboxPayload } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { selectedCandidate } from '../selected.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** `pt-BR` → `pt`: the EHR takes a primary language subtag. */
const primaryTag = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? tag;

/**
 * Queues the approved packet (with the cover message to the office) and the patient's message
 * through the outbox. The referral becomes `sent` when the channel accepts the packet
 * (`await-delivery`). Recipients come from the directory and the EHR record, never from a model.
 */
export const dispatchNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const candidate = selectedCandidate(state);
    if (!state.packet || !state.patient) throw new Error('dispatch ran before the drafts');
    const office = state.outreach?.officeMessage;
    const outbox: OutboxPayload[] = [
      {
        kind: 'specialist_message',
        referralId: state.referralId,
        recipient: { npi: candidate.npi, name: candidate.name, ...candidate.delivery },
        subject: state.packet.subject,
        body: office ? `${office}\n\n${state.packet.body}` : state.packet.body,
      },
    ];
    if (state.outreach) {
      outbox.push({
        kind: 'patient_message',
        referralId: state.referralId,
        patientId: state.patient.id,
        channel: state.patient.preferredChannel,
        language: primaryTag(state.outreach.patientMessage.language),
        body: state.outreach.patientMessage.text,
      });
    }
    await transition(deps, state, state.status, {
      keySuffix: 'dispatch',
      data: { candidateId: candidate.candidateId, channel: candidate.delivery.channel },
      outbox,
    });
    return { loop: NEW_LOOP };
  };
