export { type MatchingRunOptions, matchingSuite, runMatchingSuite } from './suite.js';
