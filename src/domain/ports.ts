import type { AnalyticsStore } from './analytics.js';
import type { AuditDraft, AuditEvent } from './audit.js';
import type { ClinicalNote } from './clinical-note.js';
import type { Coverage, NetworkStatus } from './coverage.js';
import type { DirectoryRepo } from './directory-ports.js';
import type { ReferralEvent } from './event.js';
import type { LoopEvent } from './loop-event.js';
import type {
  DocumentStore,
  Hl7Log,
  OutcomeStore,
  PartyMatch,
  ReferralParties,
  TimerStore,
} from './loop-ports.js';
import type { OutboxMessage, OutboxPayload } from './outbox.js';
import type { Patient, ReferringProvider } from './patient.js';
import type { QueueRepo } from './queue.js';
import type { ReconcileStore, ReferralChangePage } from './reconcile.js';
import type { PendingInterruptKind, Referral, ReferralRecord, RolloutMode } from './referral.js';
import type { ReferralFacts } from './referral-facts.js';
import type { OutcomeMark } from './specialist-outcome.js';
import type { ReferralStatus } from './status.js';
import type { CoordinatorTask, TaskDraft, TaskKind } from './task.js';

export type Scalar = string | number | boolean | null;

/** Time, so tests can move it. */
export interface Clock {
  now(): Date;
}

/** The practice's EHR (RevolutionEHR-shaped REST, or the sandbox that imitates it). */
export interface EhrClient {
  getReferral(referralId: string): Promise<Referral>;
  getPatient(patientId: string): Promise<Patient>;
  getInsurance(patientId: string): Promise<Coverage[]>;
  getProvider(providerId: string): Promise<ReferringProvider>;
  /** The patient's clinical notes, newest first, at most `CLINICAL_NOTES_LIMIT` (50). */
  getClinicalNotes(patientId: string): Promise<ClinicalNote[]>;
  /** Delivers one outbox payload; `idemKey` makes a repeated delivery a no-op on the EHR side. */
  deliver(payload: OutboxPayload, idemKey: string): Promise<{ externalId: string }>;
  /** Referrals changed after `since` (exclusive), oldest change first, at most `limit`. */
  listChangedReferrals(query: { since: string; limit: number }): Promise<ReferralChangePage>;
}

export interface PayerClient {
  getNetworkStatus(input: { payerId: string; planId: string }): Promise<NetworkStatus>;
}

export interface NewReferralRecord {
  id: string;
  practiceId: string;
  threadId: string;
}

export interface TransitionInput {
  practiceId: string;
  referralId: string;
  to: ReferralStatus;
  actor: string;
  /** Deterministic: applying a transition with a key already applied is a no-op. */
  key: string;
  data?: Record<string, Scalar>;
  outbox?: OutboxPayload[];
  tasks?: TaskDraft[];
  meta?: { referralType: string; mode: RolloutMode };
  /** The coordinator request this move decides: its key is stored in the same transaction. */
  receipt?: DecisionReceipt;
  /** A milestone of the specialist's record with this referral, recorded with the move. */
  outcome?: OutcomeMark;
  /** The referral's dimensions as the move knows them (nulls keep what is recorded). */
  facts?: ReferralFacts;
  /** The referral's open tasks of these kinds are done with this move (their work is moot). */
  closeTasks?: TaskKind[];
  /**
   * Takes back the referral's queued messages of these kinds; when one has already left (or is
   * leaving), `ifTooLate` is sent instead, in the same transaction.
   */
  recall?: { kinds: OutboxPayload['kind'][]; ifTooLate: OutboxPayload[] };
}

export interface ReferralRepo {
  /** Inserts the index row unless it exists; `created` tells which. */
  createReferral(input: NewReferralRecord): Promise<{ created: boolean; record: ReferralRecord }>;
  getReferral(practiceId: string, id: string): Promise<ReferralRecord | undefined>;
  listReferrals(query: {
    practiceId: string;
    status?: ReferralStatus;
    limit: number;
    offset: number;
  }): Promise<ReferralRecord[]>;
  /** Referrals not in a terminal status, across practices (crash recovery). */
  listUnfinished(): Promise<ReferralRecord[]>;
  /** Records (replacing) who the referral is about and who it went to; stored as keyed hashes. */
  setParties(
    practiceId: string,
    id: string,
    parties: ReferralParties,
    sentAt: string | null,
  ): Promise<void>;
  /** Referrals sharing any of these identifiers (normalized, compared as hashes). */
  findByParties(practiceId: string, parties: ReferralParties): Promise<PartyMatch[]>;
  setPendingInterrupt(
    practiceId: string,
    id: string,
    pending: { id: string; kind: PendingInterruptKind } | null,
  ): Promise<void>;
  /**
   * One transaction: checks the move is allowed, updates the status, appends the audit event and
   * enqueues the outbox rows and tasks. Refuses an illegal move with INVALID_TRANSITION.
   */
  applyTransition(input: TransitionInput): Promise<{ applied: boolean; status: ReferralStatus }>;
}

/** A keyed MAC over the chain's head at one moment; each checkpoint's MAC covers the one before. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  prevMac: string;
  mac: string;
}

/**
 * `row_hash_mismatch`: a row does not hash to what it claims or does not follow its predecessor.
 * `anchor_mac_invalid`: a checkpoint was not written with the anchor key (forged, reordered, edited).
 * `anchor_mismatch`: a row differs from the one its checkpoint recorded (rewritten and re-hashed).
 * `truncated`: rows a checkpoint vouched for are gone.
 * `anchor_key_missing`: checkpoints exist but the store was opened without the key to check them.
 */
export type AuditProblem =
  | 'row_hash_mismatch'
  | 'anchor_mac_invalid'
  | 'anchor_mismatch'
  | 'truncated'
  | 'anchor_key_missing';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first seq the chain and its checkpoints no longer vouch for; null when ok. */
  firstBadSeq: number | null;
  /** The seq of the last checkpoint that still matches its row (0: none). */
  anchored: number;
  /** Sound rows after that checkpoint, not yet covered by one. */
  unanchored: number;
  problem: AuditProblem | null;
}

export interface AuditLog {
  append(draft: AuditDraft): Promise<AuditEvent>;
  list(practiceId: string, referralId: string): Promise<AuditEvent[]>;
  /** Checkpoints the chain's head unless it has not moved since the last checkpoint (null). */
  anchor(): Promise<AuditCheckpoint | null>;
  /** Recomputes the hash chain from the first event and checks it against every checkpoint. */
  verify(): Promise<AuditVerification>;
}

/**
 * One event waiting to be applied to its referral: an EHR webhook (`ehr`), or an event the
 * service recorded itself (`loop`: a delivery outcome, an HL7 v2 message, a fired timer).
 */
export type InboundEvent = {
  webhookId: string;
  practiceId: string;
  referralId: string;
  status: 'pending' | 'processed' | 'ignored' | 'refused' | 'failed';
  receivedAt: string;
} & ({ origin: 'ehr'; event: ReferralEvent } | { origin: 'loop'; event: LoopEvent });

/** Durable webhook inbox: dedupe by `webhook-id`, processed off the request path. */
export interface Inbox {
  /** `practiceId` is the practice whose credentials signed the event, not what its body says. */
  record(input: {
    webhookId: string;
    practiceId: string;
    event: ReferralEvent;
  }): Promise<{ duplicate: boolean; inbound: InboundEvent }>;
  /** Records an event for a referral we track; its id is `loop|<eventId>`, so a repeat is a no-op. */
  recordLoopEvent(input: {
    practiceId: string;
    referralId: string;
    event: LoopEvent;
  }): Promise<{ duplicate: boolean }>;
  pending(limit: number): Promise<InboundEvent[]>;
  complete(
    webhookId: string,
    status: 'processed' | 'ignored' | 'refused' | 'failed',
    detail: string,
  ): Promise<void>;
}

export type DeliveryResult =
  | { ok: true; externalId: string }
  | { ok: false; error: string; retryAt: Date | null };

export interface Outbox {
  /** Leases due rows (pending, or sending with an expired lease) and returns them. */
  claim(input: { now: Date; limit: number; leaseMs: number }): Promise<OutboxMessage[]>;
  /** Records a delivery outcome; a final failure also opens a coordinator task. */
  complete(id: string, result: DeliveryResult): Promise<void>;
  listForReferral(practiceId: string, referralId: string): Promise<OutboxMessage[]>;
}

export interface TaskQueue {
  create(input: {
    practiceId: string;
    referralId: string | null;
    key: string;
    task: TaskDraft;
  }): Promise<CoordinatorTask>;
  list(
    practiceId: string,
    query: {
      status?: CoordinatorTask['status'];
      kind?: CoordinatorTask['kind'];
      referralId?: string;
      /** Newest first, at most this many. */
      limit?: number;
    },
  ): Promise<CoordinatorTask[]>;
  /**
   * Marks the practice's task done in one transaction with its 'task.completed' audit event (the
   * note's length, never its text) and the request's receipt. A task already done is returned as
   * it is (`completed: false`); another practice's task is NOT_FOUND, like a missing one.
   */
  complete(input: {
    practiceId: string;
    taskId: string;
    actor: string;
    note: string | null;
    receipt?: DecisionReceipt;
  }): Promise<{ task: CoordinatorTask; completed: boolean }>;
}

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  /** null: the decision was recorded (with its key) but its answer was not written yet. */
  body: unknown;
}

/** An `Idempotency-Key` claimed by the decision it records, in that decision's transaction. */
export interface DecisionReceipt {
  key: string;
  requestHash: string;
}

/** Stripe-style `Idempotency-Key` memory for the coordinator API's mutations. */
export interface IdempotencyStore {
  get(practiceId: string, key: string): Promise<StoredResponse | undefined>;
  /** Stores the answer, unless the key already holds one (the first answer stands). */
  save(practiceId: string, key: string, response: StoredResponse): Promise<void>;
}

/** One graph run per thread at a time, across processes where the backend allows it. */
export interface ThreadLocks {
  withLock<T>(threadId: string, fn: () => Promise<T>): Promise<T>;
}

export interface Store {
  directory: DirectoryRepo;
  referrals: ReferralRepo;
  audit: AuditLog;
  inbox: Inbox;
  outbox: Outbox;
  tasks: TaskQueue;
  idempotency: IdempotencyStore;
  locks: ThreadLocks;
  timers: TimerStore;
  documents: DocumentStore;
  hl7: Hl7Log;
  outcomes: OutcomeStore;
  reconcile: ReconcileStore;
  analytics: AnalyticsStore;
  queue: QueueRepo;
}

/** Which referral run a trace belongs to: one trace per thread, across its resumes. */
export interface TraceContext {
  threadId: string;
  referralId: string;
  practiceId: string;
  /** The run's name: 'start', 'resume', 'event'. */
  name: string;
}

/**
 * Tracing of graph runs, LLM calls and tool calls (Langfuse), or nothing at all. Whatever it
 * exports is masked first; interrupts are not errors.
 */
export interface Tracer {
  /** Runs one graph invocation inside the thread's trace; `callbacks` go into the LangChain config. */
  run<T>(ctx: TraceContext, fn: (callbacks: unknown[]) => Promise<T>): Promise<T>;
  /** One tool call as a child of the active run: its name and outcome, never its data. */
  tool<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Exports everything pending (before exit, and in tests). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Structured logs: correlation ids and codes only, never PHI. */
export interface Logger {
  debug(msg: string, fields?: Record<string, Scalar>): void;
  info(msg: string, fields?: Record<string, Scalar>): void;
  warn(msg: string, fields?: Record<string, Scalar>): void;
  error(msg: string, fields?: Record<string, Scalar>): void;
}
