export { applyDecision } from './decide.js';
export { toHumanResponses } from './decisions.js';
export type { GraphDeps } from './deps.js';
export type { EventDeps, EventOutcome } from './events.js';
export { applyLoopEvent, handleEvent } from './events.js';
export type { ReferralGraph } from './graph.js';
export { buildGraph } from './graph.js';
export {
  ACCEPTS_CONSULT,
  type DocumentUploadDeps,
  type DocumentUploaded,
  readUploadedNote,
  receiveDocument,
} from './inbound/receive-document.js';
export { type Hl7Answer, type Hl7IntakeDeps, receiveHl7 } from './inbound/receive-hl7.js';
export type { MissedEvent, MissedReason, MissedVerdict } from './missed-events.js';
export { missedEvents } from './missed-events.js';
export type { PendingInterrupt, ReferralRef, ReferralRunner } from './runner.js';
export { createReferralRunner, threadIdFor } from './runner.js';
export { SPECIALTY_CHOICES } from './specialty-choices.js';
export type { ExceptionInfo, State } from './state.js';
