export type { Enrichment } from './enrichment/agent.js';
export { runEnrichment } from './enrichment/agent.js';
export { summarizeHistory } from './enrichment/summarize.js';
export type { IntakeResult } from './intake/agent.js';
export { confirmReferral, runIntake } from './intake/agent.js';
export type { AgentContext, AgentModel, StructuredOutputMethod } from './llm/index.js';
export {
  CONSULT_SUMMARY_LIMIT,
  type ConsultDocument,
  cancellationToOffice,
  expiredTask,
  followUpTask,
  followUpToOffice,
  gapInCareTask,
  type InboundLookup,
  type InboundMatch,
  type LoopStep,
  loopDeadline,
  loopStep,
  matchInbound,
  noShowTask,
  readConsultDocument,
  rebookToPatient,
  summarizeConsult,
  summarizeConsultDocument,
  timerPolicyFor,
} from './loop-closure/index.js';
export { matchAdHoc } from './matching/ad-hoc.js';
export type { MatchInput, MatchResult } from './matching/agent.js';
export { runMatching } from './matching/agent.js';
export type { ChosenSpecialist } from './matching/chosen-specialist.js';
export {
  type MatchProblem,
  matchReferral,
  type ReferralMatch,
  type ReferralMatchInput,
} from './matching/match-referral.js';
export { refineSpecialty } from './matching/refine-specialty.js';
export { rerankCandidates } from './matching/rerank.js';
export { draftOutreach, type Outreach, outreachTemplate } from './outreach/agent.js';
export type { Packet } from './packet/agent.js';
export { draftPacket } from './packet/agent.js';
export { draftReferralPacket } from './packet/draft.js';
export { type PatientPhi, patientPhi } from './phi-context.js';
export { AGENT_TOOLS, LLM_TOOLS, runAgentTool } from './tool-permissions.js';
