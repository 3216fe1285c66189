export { type ConsultDocument, readConsultDocument } from './consult-document.js';
export { summarizeConsultDocument } from './consult-summary.js';
export { loopDeadline } from './deadlines.js';
export {
  cancellationToOffice,
  expiredTask,
  followUpTask,
  followUpToOffice,
  gapInCareTask,
  noShowTask,
  rebookToPatient,
} from './loop-messages.js';
export { type LoopStep, loopStep } from './loop-step.js';
export { type InboundLookup, type InboundMatch, matchInbound } from './match-inbound.js';
export { CONSULT_SUMMARY_LIMIT, firstSentences, summarizeConsult } from './summarize-consult.js';
export { timerPolicyFor } from './timer-policy.js';
