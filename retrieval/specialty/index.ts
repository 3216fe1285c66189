export type { SpecialtyKey } from './catalog.js';
export { isSpecialtyKey, SPECIALTIES, specialtyMatch } from './catalog.js';
export { inferSpecialty } from './rules.js';
