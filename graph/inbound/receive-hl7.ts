import { randomUUID } from 'node:crypto';
import { matchInbound, readConsultDocument } from '../../agents/index.js';
import {
  type ClinicalMessage,
  type Clock,
  type ConsultNoteReader,
  type Hl7AckCode,
  type Hl7Codec,
  type Hl7Header,
  type Hl7Problem,
  type Hl7Receipt,
  LoopEvent,
  type NewDocument,
  type Store,
} from '../../src/domain/index.js';
import { unmatchedTask } from './unmatched-task.js';

export interface Hl7IntakeDeps {
  codec: Hl7Codec;
  ccda: ConsultNoteReader;
  store: Store;
  clock: Clock;
  practiceId: string;
  /** MSH-4 values accepted (empty: any). */
  allowedFacilities: readonly string[];
}

/** The answer to one inbound message: an ACK (AA, AE or AR), or nothing readable to acknowledge. */
export type Hl7Answer =
  | { kind: 'ack'; ack: string; code: Hl7AckCode; disposition: Hl7Receipt['disposition'] }
  | { kind: 'unreadable'; problem: Hl7Problem; ack: string };

type Outcome = Omit<Parameters<Store['hl7']['record']>[0], 'practiceId' | 'receipt'> & {
  code: Hl7AckCode;
  disposition: Hl7Receipt['disposition'];
  referralId: string | null;
  problem: Hl7Problem | null;
};

/** What a readable message causes: the loop event for its referral, a task, or an error ACK. */
async function outcomeOf(
  message: ClinicalMessage,
  header: Hl7Header,
  deps: Hl7IntakeDeps,
): Promise<Outcome> {
  const none = { referralId: null, problem: null };
  // As the sender named it: S16/S17, T06/T10 are read as the type reporting the same event.
  const what = `An ${header.messageType}^${header.trigger} message`;
  if (message.event === null) return { code: 'AA', disposition: 'ignored', ...none };
  const read = message.document ? readConsultDocument(message.document, deps.ccda) : null;
  const key = `hl7|${header.sendingFacility}|${header.controlId}`;
  if (read && !read.ok && read.problem === 'referral_request') {
    const task = {
      kind: 'unmatched_message' as const,
      title: `${what} carried a referral request, not a consult note`,
      detail:
        'The attached C-CDA is a Referral Note (a request for care); nothing was filed and the loop stays open. Ask the sender for its consult note if it meant to send one.',
    };
    return { code: 'AA', disposition: 'task', ...none, task: { key, task } };
  }
  if (read && !read.ok) {
    const task = {
      kind: 'unmatched_message' as const,
      title: `${what} carried a document that could not be read`,
      detail: `The attached document was refused (${read.problem}); ask the sender to resend it.`,
    };
    return {
      code: 'AE',
      disposition: 'task',
      referralId: null,
      problem: 'unreadable_document',
      task: { key: `hl7-doc|${header.sendingFacility}|${header.controlId}`, task },
    };
  }
  const document = read?.ok ? read.document : null;
  const match = await matchInbound(
    {
      ...(message.placerId
        ? { placerId: message.placerId }
        : document?.placerId
          ? { placerId: document.placerId }
          : {}),
      patient: message.patient,
      ...(message.providerNpi ? { providerNpi: message.providerNpi } : {}),
      ...(message.at ? { at: message.at } : {}),
    },
    {
      getReferral: (id) => deps.store.referrals.getReferral(deps.practiceId, id),
      findByParties: (parties) => deps.store.referrals.findByParties(deps.practiceId, parties),
    },
  );
  if (match.kind !== 'matched') {
    return {
      code: 'AA',
      disposition: 'task',
      ...none,
      task: { key, task: unmatchedTask(what, match) },
    };
  }
  const now = deps.clock.now().toISOString();
  const stored: NewDocument | undefined = document
    ? {
        id: randomUUID(),
        key,
        practiceId: deps.practiceId,
        referralId: match.referralId,
        source: 'hl7',
        format: document.format,
        title: document.title,
        content: document.content,
        summary: document.summary,
        authorNpi: document.authorNpi ?? message.providerNpi ?? null,
        encounterDate: document.encounterDate,
      }
    : undefined;
  const event = LoopEvent.parse({
    type: message.event,
    eventId: key,
    at: message.at ?? now,
    source: 'hl7',
    ...(message.appointmentAt ? { appointmentAt: message.appointmentAt } : {}),
    ...(message.note ? { note: message.note } : {}),
    ...(stored ? { documentId: stored.id } : {}),
  });
  return {
    code: 'AA',
    disposition: 'applied',
    referralId: match.referralId,
    problem: null,
    event: { referralId: match.referralId, event },
    ...(stored ? { document: stored } : {}),
  };
}

/**
 * Takes one HL7 v2 message (over MLLP or HTTP): reads it, finds its referral, and records the
 * receipt with what it causes (a loop event, a document, a task) in one transaction; a repeat of
 * a control id gets the first answer. Never throws for anything the sender wrote.
 */
export async function receiveHl7(raw: string, deps: Hl7IntakeDeps): Promise<Hl7Answer> {
  const reading = deps.codec.read(raw);
  if (reading.kind === 'unreadable') {
    await deps.store.audit.append({
      practiceId: deps.practiceId,
      referralId: null,
      actor: 'hl7',
      action: 'hl7.received',
      data: { disposition: 'unreadable', problem: reading.problem },
    });
    return {
      kind: 'unreadable',
      problem: reading.problem,
      ack: deps.codec.ack(null, 'AR', { problem: reading.problem }),
    };
  }
  const { header } = reading;
  const repeat = header.controlId
    ? await deps.store.hl7.find(deps.practiceId, header.sendingFacility, header.controlId)
    : undefined;
  if (repeat)
    return { kind: 'ack', ack: repeat.ack, code: repeat.ackCode, disposition: repeat.disposition };
  const refused: Hl7Problem | null =
    reading.kind === 'rejected'
      ? reading.problem
      : deps.allowedFacilities.length > 0 &&
          !deps.allowedFacilities.includes(header.sendingFacility)
        ? 'unauthorized'
        : null;
  const outcome: Outcome =
    reading.kind === 'read' && !refused
      ? await outcomeOf(reading.message, header, deps)
      : {
          code: refused === 'missing_required_field' || refused === 'malformed_field' ? 'AE' : 'AR',
          disposition: 'rejected',
          referralId: null,
          problem: refused,
        };
  const ack = deps.codec.ack(
    header,
    outcome.code,
    outcome.problem ? { problem: outcome.problem } : {},
  );
  const { code, disposition, referralId, problem, ...effects } = outcome;
  const receipt: Hl7Receipt = {
    controlId: header.controlId || `missing-${randomUUID()}`,
    sendingFacility: header.sendingFacility,
    messageType: `${header.messageType}^${header.trigger}`,
    ack,
    ackCode: code,
    disposition,
    referralId,
    problem,
  };
  const recorded = await deps.store.hl7.record({
    practiceId: deps.practiceId,
    receipt,
    ...effects,
  });
  return {
    kind: 'ack',
    ack: recorded.ack,
    code: recorded.ackCode,
    disposition: recorded.disposition,
  };
}
