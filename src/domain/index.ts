export { AgentName, AgentRun, FallbackReason } from './agent-run.js';
export type {
  AnalyticsStore,
  DurationQuantiles,
  SpecialistTally,
  Tally,
  TallyCounter,
  TallyCounts,
  TallyDimension,
} from './analytics.js';
export {
  ANALYTICS_VIEWS,
  AnalyticsFilter,
  AnalyticsView,
  CYCLE_INTERVALS,
  CycleInterval,
  creationWindow,
  DAY_MS,
} from './analytics.js';
export { analyticsCsv } from './analytics-csv.js';
export { quantilesOf, utcDate } from './analytics-math.js';
export {
  cycleTimesReport,
  exceptionsReport,
  funnelReport,
  leakageReport,
  llmFallbackReport,
  loopClosureReport,
  specialistsReport,
  volumeReport,
} from './analytics-reports.js';
export type { AnalyticsResults } from './analytics-results.js';
export {
  ANALYTICS_RESULTS,
  CycleTimesResult,
  ExceptionsResult,
  FUNNEL_STEPS,
  FunnelResult,
  FunnelStep,
  LeakageGroup,
  LeakageResult,
  LlmFallbackResult,
  LoopClosureResult,
  Ratio,
  SpecialistsResult,
  VolumeResult,
} from './analytics-results.js';
export { AUDIT_ACTIONS, AuditAction, AuditDraft, AuditEvent } from './audit.js';
export {
  Candidate,
  CandidateChecks,
  OfficeContact,
  RANKING_FACTORS,
  RankingFactor,
  streetAddressOf,
} from './candidate.js';
export {
  CarriedDocument,
  CLINICAL_MESSAGE_TYPES,
  ClinicalMessage,
  ClinicalMessageType,
  HL7_PROBLEMS,
  Hl7AckCode,
  Hl7Header,
  Hl7Problem,
  Hl7Reading,
  MessagePatient,
} from './clinical-message.js';
export {
  CLINICAL_NOTE_KINDS,
  CLINICAL_NOTES_LIMIT,
  ClinicalNote,
  ClinicalNoteKind,
} from './clinical-note.js';
export {
  CcdaProblem,
  ConsultDocumentKind,
  ConsultNote,
  DocumentSection,
} from './consult-note.js';
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
export type {
  DirectoryIndex,
  DirectoryRepo,
  DriftPage,
  DriftQuery,
  Embedder,
  IndexHit,
  IndexQuery,
} from './directory-ports.js';
export type { ErrorCategory, ErrorCode, FieldIssue } from './errors.js';
export { AppError, ERROR_CODES, isAppError, issuesFromZod, toAppError } from './errors.js';
export {
  REFERRAL_EVENT_TYPES,
  ReferralEvent,
  ReferralEventType,
} from './event.js';
export type { PostalCodeGeocoder, PostalCodeLocation } from './geo.js';
export { distanceKm, PositionPrecision } from './geo.js';
export {
  LOOP_EVENT_TYPES,
  LoopEvent,
  LoopEventSource,
  LoopEventType,
  TimerKind,
} from './loop-event.js';
export type {
  ConsultNoteReader,
  DocumentStore,
  Hl7Codec,
  Hl7Disposition,
  Hl7Log,
  Hl7Receipt,
  NewDocument,
  OutcomeStore,
  PartyKind,
  PartyMatch,
  ReferralParties,
  ReferralTimer,
  StoredDocument,
  TimerStore,
  UploadReceipt,
} from './loop-ports.js';
export { LoopProgress, LoopRoute, LoopStage, NEW_LOOP } from './loop-progress.js';
export type { Deadline } from './loop-timers.js';
export {
  addWait,
  DEFAULT_TIMER_POLICIES,
  earliestDeadline,
  TimerPolicies,
  TimerPolicy,
  WaitDuration,
} from './loop-timers.js';
export {
  MatchedCandidate,
  MatchRequest,
  MatchResponse,
  TierAttempt,
  TierFailure,
} from './match.js';
export { isValidNpi, npiCheckDigit } from './npi.js';
export type { OutboxMessage, OutboxState } from './outbox.js';
export { OUTBOX_STATES, OutboxPayload, SpecialistMessagePurpose } from './outbox.js';
export { Address, ContactChannel, GeoPoint, Patient, ReferringProvider } from './patient.js';
export type {
  AuditCheckpoint,
  AuditLog,
  AuditProblem,
  AuditVerification,
  Clock,
  DecisionReceipt,
  DeliveryResult,
  EhrClient,
  IdempotencyStore,
  InboundEvent,
  Inbox,
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
export type { FilterChoice, QueueGate, QueueItem, QueueQuery, QueueRepo } from './queue.js';
export { QUEUE_GATES, URGENCY_RANK } from './queue.js';
export type { ReconcileStore, ReconcileView, ReferralChangePage } from './reconcile.js';
export { EhrResponse, ReferralChange } from './reconcile.js';
export type { PendingInterruptKind } from './referral.js';
export {
  AWAIT_KINDS,
  PENDING_INTERRUPT_KINDS,
  Referral,
  ReferralRecord,
  RolloutMode,
  Urgency,
} from './referral.js';
export { NO_FACTS, ReferralFacts } from './referral-facts.js';
export {
  HumanInterrupt,
  HumanResponse,
  HumanResponses,
  ReviewDecision,
  Reviewer,
} from './review.js';
export type { OutcomeMark, OutcomeRecord } from './specialist-outcome.js';
export { OutcomeMilestone, SpecialistOutcome, summarizeOutcomes } from './specialist-outcome.js';
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
export { CoordinatorTask, TaskKind } from './task.js';
