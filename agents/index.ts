export type { Enrichment } from './enrichment/agent.js';
export { runEnrichment } from './enrichment/agent.js';
export type { IntakeResult } from './intake/agent.js';
export { runIntake } from './intake/agent.js';
export { matchAdHoc } from './matching/ad-hoc.js';
export type { MatchInput, MatchResult } from './matching/agent.js';
export { runMatching } from './matching/agent.js';
export type { Packet } from './packet/agent.js';
export { draftPacket } from './packet/agent.js';
