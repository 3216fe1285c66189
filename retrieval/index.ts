export type { NoMatch } from './explain-no-match.js';
export { explainNoMatch } from './explain-no-match.js';
export type { ImportOptions, ImportSummary } from './import-directory.js';
export { importDirectory } from './import-directory.js';
export { rankHits, toCandidate } from './rank.js';
export type { FactorName, RankContext, Weights } from './rank-context.js';
export { rebuildIndex } from './rebuild-index.js';
export type { SpecialtyKey } from './specialty/index.js';
export { inferSpecialty, SPECIALTIES, specialtyMatch } from './specialty/index.js';
