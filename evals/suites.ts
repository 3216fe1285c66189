import type { EvalSuite } from './core/suite.js';
import { draftingSuite } from './drafting/index.js';
import { guardrailsSuite } from './guardrails/index.js';
import { loopClosureSuite } from './loop-closure/index.js';
import { matchingSuite } from './matching/index.js';
import { phiSuite } from './phi/index.js';
import { specialtySuite } from './specialty/suite.js';

/** Every suite `referrals eval run` knows, in the order it runs them. */
export const EVAL_SUITES: readonly EvalSuite[] = [
  specialtySuite,
  matchingSuite,
  guardrailsSuite,
  phiSuite,
  draftingSuite,
  loopClosureSuite,
];
