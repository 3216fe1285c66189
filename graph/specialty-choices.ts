import { SPECIALTIES } from '../retrieval/index.js';

/** The specialties a coordinator may choose from when resolving an exception by hand. */
export const SPECIALTY_CHOICES: readonly { key: string; label: string }[] = Object.entries(
  SPECIALTIES,
)
  .map(([key, s]) => ({ key, label: s.label }))
  .sort((a, b) => a.label.localeCompare(b.label));
