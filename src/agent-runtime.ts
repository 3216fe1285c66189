import type { AgentModel } from '../agents/index.js';
import { deidentify } from '../agents/phi/index.js';
import { createChatModel } from './adapters/llm/index.js';
import { createLangfuseTracer } from './adapters/tracing/index.js';
import type { Config } from './config.js';
import type { Logger, Tracer } from './domain/index.js';

/** Pattern de-identification (Safe Harbor classes) for whatever leaves for the tracer. */
const maskText = (text: string) => deidentify(text).text;

/** The LLM and the tracer the configuration asks for; each null when not configured. */
export function agentRuntime(
  config: Config,
  logger: Logger,
): { model: AgentModel | null; tracer: Tracer | null } {
  const llm = config.llm;
  const model: AgentModel | null = llm
    ? {
        chat: createChatModel(llm),
        name: llm.model,
        structuredOutput: llm.structuredOutput,
        timeoutMs: llm.timeoutMs,
        zeroRetention: llm.zeroRetention,
      }
    : null;
  return {
    model,
    tracer: config.tracing ? createLangfuseTracer(config.tracing, maskText, { logger }) : null,
  };
}
