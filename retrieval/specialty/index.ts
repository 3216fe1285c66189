export type { SpecialtyKey } from './catalog.js';
export { isSpecialtyKey, SPECIALTIES, specialtyMatch, specialtyOfTaxonomy } from './catalog.js';
export { chosenSpecialty, inferSpecialty, planOf } from './infer-specialty.js';
