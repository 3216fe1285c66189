export type { AgentModel, StructuredOutputMethod } from './agent-model.js';
export { llmRun, policyRun } from './agent-run.js';
export { contactDetailIn, draftRefusal } from './draft-check.js';
export type { AgentContext } from './llm-context.js';
export { DATA_RULES, type Prompt, promptRef, untrusted } from './prompt.js';
export { type LlmStep, type LlmStepSpec, runLlmStep } from './run-llm-step.js';
