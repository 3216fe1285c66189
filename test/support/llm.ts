import type { AgentModel, StructuredOutputMethod } from '../../agents/index.js';
import { createChatModel } from '../../src/adapters/llm/index.js';

/** The production ChatOpenAI client, pointed at a local OpenAI-compatible test server. */
export function agentModelFor(
  baseUrl: string,
  options: { timeoutMs?: number; structuredOutput?: StructuredOutputMethod } = {},
): AgentModel {
  const timeoutMs = options.timeoutMs ?? 2000;
  const structuredOutput = options.structuredOutput ?? 'jsonSchema';
  return {
    chat: createChatModel({
      apiKey: 'test-key',
      baseUrl,
      model: 'test-model',
      timeoutMs,
      maxRetries: 0,
      structuredOutput,
      zeroRetention: false,
      embeddings: null,
    }),
    name: 'test-model',
    structuredOutput,
    timeoutMs,
    zeroRetention: false,
  };
}
