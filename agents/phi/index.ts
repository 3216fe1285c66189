export type { Deidentified } from './deidentify.js';
export { deidentify } from './deidentify.js';
export { KnownIdentifiers } from './known-identifiers.js';
export type { AgeBand, PatientPromptContext } from './minimize.js';
export {
  AGE_BANDS,
  ageBand,
  knownIdentifiersOf,
  patientPromptContext,
  RESTRICTED_ZIP3,
  zip3,
} from './minimize.js';
export type { PlaceholderKind } from './placeholder.js';
export { PLACEHOLDER_KINDS } from './placeholder.js';
export { reidentify, unknownPlaceholders } from './reidentify.js';
export { PlaceholderVault } from './vault.js';
