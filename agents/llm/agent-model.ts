import type { BaseChatModel } from '@langchain/core/language_models/chat_models';

/** How a backend returns structured output: json_schema, a forced function call, or JSON mode. */
export type StructuredOutputMethod = 'jsonSchema' | 'functionCalling' | 'jsonMode';

/** The LLM the agents may use; absent, every agent runs its deterministic policy. */
export interface AgentModel {
  chat: BaseChatModel;
  /** For the audit: which model answered. */
  name: string;
  structuredOutput: StructuredOutputMethod;
  /** The whole LLM step (tool rounds included) must finish within this, or the policy decides. */
  timeoutMs: number;
  /** The endpoint is covered by a BAA with zero retention (recorded with every call). */
  zeroRetention: boolean;
}
