import type { AuditDraft, AuditEvent } from './audit.js';
import type { Hl7AckCode, Hl7Header, Hl7Problem, Hl7Reading } from './clinical-message.js';
import type { ClinicalNote } from './clinical-note.js';
import type { ConsultNote } from './consult-note.js';
import type { Coverage, NetworkStatus } from './coverage.js';
import type {
  DirectoryProfile,
  DirectorySource,
  InsurancePlanRecord,
  NetworkRecord,
} from './directory.js';
import type { DirectoryDrift, DirectoryImport, DriftKind } from './directory-drift.js';
import type { SourceRecord } from './directory-merge.js';
import type { ReferralEvent } from './event.js';
import type { LoopEvent, TimerKind } from './loop-event.js';
import type { OutboxMessage, OutboxPayload } from './outbox.js';
import type { GeoPoint, Patient, ReferringProvider } from './patient.js';
import type { PendingInterruptKind, Referral, ReferralRecord, RolloutMode } from './referral.js';
import type { ReferralStatus } from './status.js';
import type { CoordinatorTask, TaskDraft } from './task.js';

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
}

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
    query: { status?: CoordinatorTask['status'] },
  ): Promise<CoordinatorTask[]>;
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

export interface IndexQuery {
  /** NUCC codes, any of which qualifies (required: every search is for a kind of specialist). */
  taxonomies: string[];
  /** Networks, any of which qualifies; omitted = no network filter (the ranker still checks). */
  networkIds?: string[];
  near: GeoPoint;
  radiusKm: number;
  /** Leaves out locations known not to accept new patients (unknown stays in). */
  excludeNotAccepting?: boolean;
  /** Leaves out these practitioners (rejected by a coordinator, or declined by the office). */
  excludeNpis?: string[];
  /**
   * Only hits a referral can be sent to: the profile has an endpoint, or the hit's location has a
   * fax (`deliveryOf` is not null). Per location, since the fax belongs to the location.
   */
  requireReachable?: boolean;
  /** Free text (the referral reason) for lexical relevance; it never filters. */
  text?: string;
  limit: number;
}

/** One practitioner at one location that passed the index's filters. */
export interface IndexHit {
  profile: DirectoryProfile;
  locationId: string;
  distanceKm: number;
  /** Lexical relevance of the profile to `text`, 0 when no text was given. */
  textScore: number;
}

/**
 * A search index derived from the directory repo (embedded SQLite, or Qdrant): every hard
 * constraint (taxonomy, network, status, distance, acceptance, exclusions, reachability) is
 * applied inside the search, so the `limit` nearest hits returned are the nearest eligible ones.
 */
export interface DirectoryIndex {
  upsert(profiles: readonly DirectoryProfile[]): Promise<void>;
  remove(npis: readonly string[]): Promise<void>;
  search(query: IndexQuery): Promise<IndexHit[]>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

/** Dense text embeddings (an OpenAI-compatible endpoint), for the optional dense side of an index. */
export interface Embedder {
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Drift newest first; `before` is the cursor (the id of the last item of the previous page). */
export interface DriftQuery {
  importId?: string;
  kind?: DriftKind;
  npi?: string;
  limit: number;
  before?: number;
}

export interface DriftPage {
  items: DirectoryDrift[];
  /** Pass as `before` for the next page; null on the last one. */
  nextCursor: number | null;
}

/**
 * The specialist directory's source of truth; search indexes are derived from it. Each source
 * keeps its own record per NPI; the profile readers get is merged from them
 * (`mergeDirectoryRecords`), and what a write changes in it is recorded as drift.
 */
export interface DirectoryRepo {
  /**
   * Stores each profile as its source's record (`profile.source`, a `DirectorySource`; as of its
   * provenance's date, else the import's), marks it seen by `importId`, re-merges the NPI and
   * records the drift, in one transaction. Counts are of merged profiles; unchanged ones are not
   * rewritten.
   */
  upsertProfiles(
    importId: string,
    profiles: readonly DirectoryProfile[],
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  /** The same for explicit source records (a manual edit sets only the fields it overrides). */
  upsertSourceRecords(
    importId: string,
    records: readonly SourceRecord[],
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  /**
   * Withdraws the records of `source` that import `importId` did not see (dropped by the feed) and
   * re-merges their NPIs; returns how many merged profiles that deactivated.
   */
  deactivateUnseen(source: DirectorySource, importId: string): Promise<number>;
  /** Every source's record of one NPI. */
  getSourceRecords(npi: string): Promise<SourceRecord[]>;
  listDrift(query: DriftQuery): Promise<DriftPage>;
  getImport(importId: string): Promise<DirectoryImport | undefined>;
  /** The latest imports first. */
  listImports(limit: number): Promise<DirectoryImport[]>;
  upsertPlans(plans: readonly InsurancePlanRecord[]): Promise<void>;
  upsertNetworks(networks: readonly NetworkRecord[]): Promise<void>;
  getProfile(npi: string): Promise<DirectoryProfile | undefined>;
  getPlan(id: string): Promise<InsurancePlanRecord | undefined>;
  /** Active profiles in NPI order, one page after `afterNpi` (for index rebuilds). */
  listActive(afterNpi: string | null, limit: number): Promise<DirectoryProfile[]>;
  counts(): Promise<{ profiles: number; active: number; plans: number; networks: number }>;
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
  get(practiceId: string, id: string): Promise<StoredDocument | undefined>;
  listForReferral(practiceId: string, referralId: string): Promise<StoredDocument[]>;
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
