export type { OpenStore, OpenStoreOptions } from './open-store.js';
export { DEFAULT_PG_SCHEMA, openStore } from './open-store.js';
export { outcomeDurations } from './outcomes.js';
