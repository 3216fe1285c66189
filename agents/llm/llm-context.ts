import type { ToolRuntime, ToolScope } from '../../tools/index.js';
import type { AgentModel } from './agent-model.js';

/** What an agent needs to run: its scope, the tools' runtime, and the LLM if one is configured. */
export interface AgentContext {
  scope: ToolScope;
  runtime: ToolRuntime;
  model: AgentModel | null;
}
