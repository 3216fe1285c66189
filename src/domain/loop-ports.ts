import type { Hl7AckCode, Hl7Header, Hl7Problem, Hl7Reading } from './clinical-message.js';
import type { ConsultNote } from './consult-note.js';
import type { LoopEvent, TimerKind } from './loop-event.js';
import type { SpecialistOutcome } from './specialist-outcome.js';
import type { ReferralStatus } from './status.js';
import type { TaskDraft } from './task.js';

/** Who a referral is about and who it went to: how inbound messages without our id find it. */
export interface ReferralParties {
  patientId?: string;
  mrn?: string;
  family?: string;
  given?: string;
  /** YYYY-MM-DD. */
  birthDate?: string;
  specialistNpi?: string;
}

/** How a referral matched an inbound message's identifiers. */
export type PartyKind = 'mrn' | 'person' | 'npi';

export interface PartyMatch {
  referralId: string;
  status: ReferralStatus;
  /** When the packet went out (null before); inbound messages date after it. */
  sentAt: string | null;
  matched: PartyKind[];
}

/** The deadline of the wait a referral is in (timers are data: one row per waiting referral). */
export interface ReferralTimer {
  practiceId: string;
  referralId: string;
  /** Names the wait; a timeout carries it back, and a stale one is ignored. */
  waitKey: string;
  kind: TimerKind;
  dueAt: string;
}

export interface TimerStore {
  /** Sets the referral's deadline (replacing the previous wait's). */
  set(timer: ReferralTimer): Promise<void>;
  clear(practiceId: string, referralId: string): Promise<void>;
  get(practiceId: string, referralId: string): Promise<ReferralTimer | undefined>;
  /**
   * Fires up to `limit` timers due at `now`: each becomes a `timeout` loop event in the inbox and
   * leaves the timer table, in one transaction; two workers never fire one timer.
   */
  fireDue(now: Date, limit: number): Promise<ReferralTimer[]>;
}

/** A consult note or report stored against a referral (our copy; the EHR gets one too). */
export interface StoredDocument {
  id: string;
  practiceId: string;
  referralId: string;
  source: 'hl7' | 'upload' | 'direct';
  format: 'ccda' | 'text';
  title: string;
  content: string;
  summary: string;
  authorNpi: string | null;
  encounterDate: string | null;
  receivedAt: string;
}

/** `key` makes a repeat a no-op (the first one is kept); `id` is the caller's, so events can name it. */
export type NewDocument = Omit<StoredDocument, 'receivedAt'> & { key: string };

export interface DocumentStore {
  /** Stores it unless its key exists (a repeated message), and returns the stored one. */
  add(document: NewDocument): Promise<StoredDocument>;
  /**
   * An uploaded document, in one transaction: claims the request's Idempotency-Key with its
   * answer, stores the document and records the loop event it causes (audited as `actor`'s). A key
   * claimed before wins: nothing is written, and the first request's hash and answer come back.
   */
  upload(input: {
    document: NewDocument;
    event: { referralId: string; event: LoopEvent };
    receipt: UploadReceipt;
    actor: string;
  }): Promise<{ recorded: boolean; first: UploadReceipt }>;
  get(practiceId: string, id: string): Promise<StoredDocument | undefined>;
  listForReferral(practiceId: string, referralId: string): Promise<StoredDocument[]>;
}

/** An upload's Idempotency-Key, what the request held (its hash) and the answer it got. */
export interface UploadReceipt {
  key: string;
  requestHash: string;
  statusCode: number;
  body: unknown;
}

/** Where an inbound HL7 v2 message ended up: applied to a referral, handed to a person, or refused. */
export type Hl7Disposition = 'applied' | 'ignored' | 'task' | 'rejected' | 'unreadable';

/** HL7 v2 reading and acknowledgements (the adapter over the HL7 library). */
export interface Hl7Codec {
  read(raw: string): Hl7Reading;
  ack(
    header: Hl7Header | null,
    code: Hl7AckCode,
    options?: { problem?: Hl7Problem; text?: string },
  ): string;
}

/** C-CDA consult notes (the adapter over the XML parser). */
export interface ConsultNoteReader {
  read(
    xml: string,
  ): { ok: true; note: ConsultNote } | { ok: false; problem: string; detail: string };
}

export interface Hl7Receipt {
  controlId: string;
  sendingFacility: string;
  messageType: string;
  ack: string;
  ackCode: Hl7AckCode;
  disposition: Hl7Disposition;
  referralId: string | null;
  problem: string | null;
}

/** The log of inbound HL7 v2 messages: a repeated control id gets the first answer again. */
export interface Hl7Log {
  find(
    practiceId: string,
    sendingFacility: string,
    controlId: string,
  ): Promise<Hl7Receipt | undefined>;
  /**
   * Records the message's receipt and what it caused, in one transaction: the loop event for its
   * referral, or the coordinator task; a receipt already recorded wins (and is returned).
   */
  record(input: {
    practiceId: string;
    receipt: Hl7Receipt;
    event?: { referralId: string; event: LoopEvent };
    task?: { key: string; task: TaskDraft };
    document?: NewDocument;
  }): Promise<Hl7Receipt>;
}

/** What the practice's own referrals show about each specialist (recorded with each transition). */
export interface OutcomeStore {
  /** One entry per NPI given, all counts zero for a specialist never sent a referral. */
  forSpecialists(practiceId: string, npis: readonly string[]): Promise<SpecialistOutcome[]>;
}
