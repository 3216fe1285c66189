export { toHumanResponses } from './decisions.js';
export type { GraphDeps } from './deps.js';
export type { EventOutcome } from './events.js';
export { handleEvent } from './events.js';
export type { ReferralGraph } from './graph.js';
export { buildGraph } from './graph.js';
export type { PendingInterrupt, ReferralRef, ReferralRunner } from './runner.js';
export { createReferralRunner, threadIdFor } from './runner.js';
export type { ExceptionInfo, State } from './state.js';
