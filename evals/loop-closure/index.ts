export type { InboundMatcher } from './match-messages.js';
export { createLoopClosureSuite, loopClosureSuite } from './suite.js';
