export {
  type GuardrailCase,
  guardrailCases,
  MISBEHAVIOURS,
  type Misbehaviour,
  PLACEMENTS,
  type Placement,
} from './cases.js';
export type { CaseObservation, Send } from './observation.js';
export { type CaseScore, isListedRecipient, POLICY_TOOLS, scoreCase } from './score.js';
export { createGuardrailsSuite, type GuardrailsOptions, guardrailsSuite } from './suite.js';
