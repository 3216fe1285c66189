import type { AgentModel, StructuredOutputMethod } from '../../agents/index.js';
import { createChatModel } from '../../src/adapters/llm/index.js';

/** The production ChatOpenAI client, pointed at a local OpenAI-compatible scripted server. */
export function scriptedAgentModel(
  baseUrl: string,
  options: { timeoutMs?: number; structuredOutput?: StructuredOutputMethod; name?: string } = {},
): AgentModel {
  const name = options.name ?? 'scripted-model';
  const timeoutMs = options.timeoutMs ?? 2000;
  const structuredOutput = options.structuredOutput ?? 'jsonSchema';
  return {
    chat: createChatModel({
      apiKey: 'eval-key',
      baseUrl,
      model: name,
      timeoutMs,
      maxRetries: 0,
      structuredOutput,
      zeroRetention: false,
      embeddings: null,
    }),
    name,
    structuredOutput,
    timeoutMs,
    zeroRetention: false,
  };
}
