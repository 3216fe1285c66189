export { AgentName, AgentRun, FallbackReason } from './agent-run.js';
export { AUDIT_ACTIONS, AuditAction, AuditDraft, AuditEvent } from './audit.js';
export { Candidate, CandidateChecks, RANKING_FACTORS, RankingFactor } from './candidate.js';
export {
  CLINICAL_NOTE_KINDS,
  CLINICAL_NOTES_LIMIT,
  ClinicalNote,
  ClinicalNoteKind,
} from './clinical-note.js';
export { Coverage, NetworkStatus } from './coverage.js';
export { deliveryOf } from './delivery.js';
export {
  DeliveryChannel,
  DirectoryEndpoint,
  DirectoryLocation,
  DirectoryProfile,
  DirectoryProvenance,
  DirectorySource,
  FieldProvenance,
  InsurancePlanRecord,
  Metric,
  NetworkRecord,
} from './directory.js';
export {
  countDrift,
  DirectoryDrift,
  DirectoryImport,
  DRIFT_LIMIT_DEFAULT,
  DRIFT_LIMIT_MAX,
  DriftCounts,
  DriftDetail,
  DriftDraft,
  DriftFilter,
  DriftKind,
  driftBetween,
  MOVED_KM,
} from './directory-drift.js';
export type { FieldGroup } from './directory-merge.js';
export {
  mergeDirectoryRecords,
  mergeLoneRecord,
  SourceFields,
  SourceRecord,
  singleSourceProvenance,
  sourceOrder,
  sourceRecordOf,
} from './directory-merge.js';
export type { ErrorCategory, ErrorCode, FieldIssue } from './errors.js';
export { AppError, ERROR_CODES, isAppError, issuesFromZod, toAppError } from './errors.js';
export {
  REFERRAL_EVENT_TYPES,
  ReferralEvent,
  ReferralEventType,
  SpecialistResponse,
} from './event.js';
export type { PostalCodeGeocoder, PostalCodeLocation } from './geo.js';
export { distanceKm, PositionPrecision } from './geo.js';
export {
  MatchedCandidate,
  MatchRequest,
  MatchResponse,
  TierAttempt,
  TierFailure,
} from './match.js';
export { isValidNpi, npiCheckDigit } from './npi.js';
export type { OutboxMessage, OutboxState } from './outbox.js';
export { OUTBOX_STATES, OutboxPayload } from './outbox.js';
export { Address, ContactChannel, GeoPoint, Patient, ReferringProvider } from './patient.js';
export type {
  AuditCheckpoint,
  AuditLog,
  AuditProblem,
  AuditVerification,
  Clock,
  DecisionReceipt,
  DeliveryResult,
  DirectoryIndex,
  DirectoryRepo,
  DriftPage,
  DriftQuery,
  EhrClient,
  Embedder,
  IdempotencyStore,
  InboundEvent,
  Inbox,
  IndexHit,
  IndexQuery,
  Logger,
  NewReferralRecord,
  Outbox,
  PayerClient,
  ReferralRepo,
  Scalar,
  Store,
  StoredResponse,
  TaskQueue,
  ThreadLocks,
  TraceContext,
  Tracer,
  TransitionInput,
} from './ports.js';
export type { PendingInterruptKind } from './referral.js';
export { Referral, ReferralRecord, RolloutMode, Urgency } from './referral.js';
export {
  HumanInterrupt,
  HumanResponse,
  HumanResponses,
  ReviewDecision,
  Reviewer,
} from './review.js';
export {
  PlannedSpecialty,
  SpecialtyInference,
  SpecialtyMatch,
  SpecialtyTier,
} from './specialty.js';
export {
  canTransition,
  REFERRAL_STATUSES,
  ReferralStatus,
  TERMINAL_STATUSES,
  TRANSITIONS,
} from './status.js';
export type { TaskDraft } from './task.js';
export { CoordinatorTask } from './task.js';
