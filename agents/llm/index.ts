export type { AgentModel, StructuredOutputMethod } from './agent-model.js';
export { contactDetailIn } from './contact-check.js';
export type { AgentContext } from './llm-context.js';
export { DATA_RULES, type Prompt, promptRef, untrusted } from './prompt.js';
export { type LlmStep, type LlmStepSpec, runLlmStep } from './run-llm-step.js';
