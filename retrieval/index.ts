export type { NoMatch } from './explain-no-match.js';
export { describeAttempts, explainNoMatch } from './explain-no-match.js';
export { hash32, Rng } from './generate/prng.js';
export { generateInto } from './generate-into.js';
export type { ImportOptions, ImportSummary } from './import-directory.js';
export { importDirectory } from './import-directory.js';
export { officeContactOf } from './office-contact.js';
export { rankHits } from './rank.js';
export type { FactorName, RankContext, Weights } from './rank-context.js';
export { rebuildIndex } from './rebuild-index.js';
export type { SpecialtyKey } from './specialty/index.js';
export {
  chosenSpecialty,
  inferSpecialty,
  isSpecialtyKey,
  planOf,
  SPECIALTIES,
  specialtyMatch,
  specialtyOfTaxonomy,
} from './specialty/index.js';
