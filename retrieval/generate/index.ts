export type { GeneratedDirectory, GenerateOptions } from './generate-directory.js';
export { generateDirectory, generateProfile } from './generate-directory.js';
export type { Metro } from './metros.js';
export { METROS } from './metros.js';
export { MAX_PROFILES, npiForIndex } from './npi-sequence.js';
export { NETWORK_SPECS, NETWORKS, PLANS } from './payers.js';
export type { TaxonomyShare } from './taxonomy-mix.js';
export { TAXONOMY_MIX } from './taxonomy-mix.js';
