import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { LlmConfig } from '../../config.js';
import type { Embedder } from '../../domain/index.js';

/**
 * A chat model on any OpenAI-compatible endpoint (OpenAI, Azure's v1 endpoint, vLLM, Ollama).
 * Client retries stay low: the agent's deadline and fallback own what happens on failure.
 */
export function createChatModel(
  config: LlmConfig,
  transport: { fetch?: typeof fetch } = {},
): ChatOpenAI {
  const configuration = {
    ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
    ...(transport.fetch ? { fetch: transport.fetch } : {}),
  };
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    temperature: 0,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    useResponsesApi: false,
    configuration,
  });
}

/** Dense embeddings from the same kind of endpoint, when EMBEDDINGS_MODEL is configured. */
export function createEmbedder(config: LlmConfig): Embedder | null {
  const e = config.embeddings;
  if (!e) return null;
  const embeddings = new OpenAIEmbeddings({
    model: e.model,
    apiKey: e.apiKey,
    dimensions: e.dimensions,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
    ...(e.baseUrl ? { configuration: { baseURL: e.baseUrl } } : {}),
  });
  return {
    dimensions: e.dimensions,
    embed: (texts) => embeddings.embedDocuments([...texts]),
  };
}
