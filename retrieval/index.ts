export type { NoMatch } from './explain-no-match.js';
export { explainNoMatch } from './explain-no-match.js';
export type { ImportOptions, ImportSummary } from './import-directory.js';
export { importDirectory } from './import-directory.js';
export type { RankContext } from './rank.js';
export { rankCandidates } from './rank.js';
export type { SpecialtyKey } from './specialty/index.js';
export { inferSpecialty, SPECIALTIES, specialtyMatch } from './specialty/index.js';
