export type { SpecialtyKey } from './catalog.js';
export { SPECIALTIES, specialtyMatch } from './catalog.js';
export { inferSpecialty } from './rules.js';
