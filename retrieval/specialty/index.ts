export type { SpecialtyKey } from './catalog.js';
export { isSpecialtyKey, SPECIALTIES, specialtyMatch } from './catalog.js';
export { inferSpecialty, planOf } from './infer-specialty.js';
