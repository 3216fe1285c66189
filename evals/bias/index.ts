export type { BiasAuditStore } from './recorded-outcomes.js';
export type { Matcher } from './referral-path.js';
export { type BiasAuditOptions, DEFAULT_SIZE, runBiasAudit } from './run.js';
