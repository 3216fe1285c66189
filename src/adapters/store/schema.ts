import type { Generated } from 'kysely';

/** The Kysely view of the store's tables. Timestamps are ISO-8601 UTC text in both dialects. */
export interface ReferralsTable {
  id: string;
  practice_id: string;
  thread_id: string;
  status: string;
  mode: string;
  referral_type: string;
  pending_interrupt_id: string | null;
  pending_interrupt_kind: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per applied transition key: the guard that makes `applyTransition` idempotent. */
export interface ReferralTransitionsTable {
  key: string;
  practice_id: string;
  referral_id: string;
  from_status: string;
  to_status: string;
  applied_at: string;
}

export interface WebhookInboxTable {
  webhook_id: string;
  practice_id: string;
  referral_id: string;
  type: string;
  event_json: string;
  status: string;
  detail: string | null;
  received_at: string;
  completed_at: string | null;
}

export interface OutboxTable {
  id: string;
  idem_key: string;
  practice_id: string;
  referral_id: string;
  payload_json: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Append-only (triggers refuse UPDATE and DELETE); `seq` is assigned by the appender, gapless. */
export interface AuditEventsTable {
  seq: number;
  at: string;
  practice_id: string;
  referral_id: string | null;
  actor: string;
  action: string;
  data_json: string;
  prev_hash: string;
  hash: string;
}

/** Append-only like the chain it anchors; `seq` is the chain row checkpointed, increasing. */
export interface AuditAnchorsTable {
  seq: number;
  hash: string;
  at: string;
  prev_mac: string;
  mac: string;
}

export interface CoordinatorTasksTable {
  id: string;
  key: string;
  practice_id: string;
  referral_id: string | null;
  kind: string;
  title: string;
  detail: string;
  status: string;
  created_at: string;
}

export interface IdempotencyKeysTable {
  practice_id: string;
  key: string;
  request_hash: string;
  status_code: number;
  body_json: string;
  created_at: string;
}

/** One practitioner of the directory: indexed columns plus the whole profile as JSON. */
export interface DirectoryProfilesTable {
  npi: string;
  source: string;
  /** 1 or 0 (portable across dialects). */
  active: number;
  name: string;
  content_hash: string;
  profile_json: string;
  last_import_id: string;
  created_at: string;
  updated_at: string;
}

export interface DirectoryPlansTable {
  id: string;
  name: string;
  owner_name: string | null;
  network_ids_json: string;
  updated_at: string;
}

export interface DirectoryNetworksTable {
  id: string;
  name: string;
  updated_at: string;
}

/** One source's record of one NPI (`fields_json`: `SourceFields`); the merged profile is derived. */
export interface DirectorySourceRecordsTable {
  npi: string;
  source: string;
  /** ISO date: the feed's own last-updated date, else the import's. */
  as_of: string;
  /** 1 while the source lists the NPI; 0 once a later full import of it did not. */
  listed: number;
  fields_hash: string;
  fields_json: string;
  last_import_id: string;
  created_at: string;
  updated_at: string;
}

/** What an import changed in a merged profile; written in the transaction of the change. */
export interface DirectoryDriftTable {
  id: Generated<number>;
  import_id: string;
  npi: string;
  kind: string;
  detail_json: string;
  recorded_at: string;
}

/** One row per import id: counts of merged profiles, added to by each batch. */
export interface DirectoryImportsTable {
  import_id: string;
  source: string;
  started_at: string;
  updated_at: string;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

/** The deadline of the wait a referral is in: one row per waiting referral. */
export interface ReferralTimersTable {
  practice_id: string;
  referral_id: string;
  wait_key: string;
  kind: string;
  due_at: string;
}

export interface ReferralOutcomesTable {
  practice_id: string;
  referral_id: string;
  npi: string;
  sent_at: string;
  responded_at: string | null;
  appointment_at: string | null;
  seen_at: string | null;
  consult_at: string | null;
  declined_at: string | null;
  expired_at: string | null;
  cancelled_at: string | null;
  no_shows: number;
  /** From `sent_at` to `responded_at` / `appointment_at`, in ms (null until then). */
  ms_to_answer: number | null;
  ms_to_appointment: number | null;
}

export interface ConsultDocumentsTable {
  id: string;
  key: string;
  practice_id: string;
  referral_id: string;
  source: string;
  format: string;
  title: string;
  content: string;
  summary: string;
  author_npi: string | null;
  encounter_date: string | null;
  received_at: string;
}

/** One row per inbound HL7 v2 message (sender and control id): what it caused and the ACK sent. */
export interface Hl7MessagesTable {
  practice_id: string;
  sending_facility: string;
  control_id: string;
  message_type: string;
  ack: string;
  ack_code: string;
  disposition: string;
  referral_id: string | null;
  problem: string | null;
  received_at: string;
}

/** One identifier of a referral's patient or specialist, hashed (`kind:sha256`). */
export interface ReferralPartiesTable {
  practice_id: string;
  referral_id: string;
  party_key: string;
  sent_at: string | null;
}

/** The reconciler's place in each practice's change feed (`updated_since` of its next pass). */
export interface ReconcileCursorsTable {
  practice_id: string;
  cursor: string;
  updated_at: string;
}

/** A referral's dimensions and milestone times (epoch ms) for the queue and analytics. */
export interface ReferralFactsTable {
  practice_id: string;
  referral_id: string;
  created_ms: number;
  specialty: string | null;
  specialty_label: string | null;
  urgency: string | null;
  payer_id: string | null;
  payer_name: string | null;
  specialist_npi: string | null;
  in_network: number | null;
  no_in_network_option: Generated<number>;
  exception_reason: string | null;
  llm_attempts: Generated<number>;
  llm_fallbacks: Generated<number>;
  reviewed_ms: number | null;
  sent_ms: number | null;
  scheduled_ms: number | null;
  seen_ms: number | null;
  consult_ms: number | null;
  closed_ms: number | null;
}

export interface StoreDatabase {
  referral_facts: ReferralFactsTable;
  referral_parties: ReferralPartiesTable;
  referral_timers: ReferralTimersTable;
  reconcile_cursors: ReconcileCursorsTable;
  referral_outcomes: ReferralOutcomesTable;
  consult_documents: ConsultDocumentsTable;
  hl7_messages: Hl7MessagesTable;
  directory_profiles: DirectoryProfilesTable;
  directory_source_records: DirectorySourceRecordsTable;
  directory_drift: DirectoryDriftTable;
  directory_imports: DirectoryImportsTable;
  directory_plans: DirectoryPlansTable;
  directory_networks: DirectoryNetworksTable;
  referrals: ReferralsTable;
  referral_transitions: ReferralTransitionsTable;
  webhook_inbox: WebhookInboxTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
  audit_anchors: AuditAnchorsTable;
  coordinator_tasks: CoordinatorTasksTable;
  idempotency_keys: IdempotencyKeysTable;
}
