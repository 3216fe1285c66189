export type { RankContext } from './rank.js';
export { rankCandidates } from './rank.js';
export type { SpecialtyInference } from './specialty-rules.js';
export { FALLBACK_SPECIALTY, inferSpecialty } from './specialty-rules.js';
