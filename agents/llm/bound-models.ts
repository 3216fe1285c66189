import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import type { z } from 'zod';
import type { ToolName } from '../../tools/index.js';
import type { AgentModel } from './agent-model.js';
import { toolSpecs } from './tool-calls.js';

type ToolRound = ReturnType<NonNullable<BaseChatModel['bindTools']>>;
type Structured = Runnable<BaseMessage[], unknown>;

/**
 * Binding tools or a structured-output format builds a new model each time (ChatOpenAI makes a
 * new instance, and with it a new API client, and converts the schemas), so each model keeps
 * one binding per answer schema and step, reused by every call.
 */
const bindings = new WeakMap<BaseChatModel, WeakMap<z.ZodType, Map<string, unknown>>>();

function cached<T>(model: AgentModel, schema: z.ZodType, key: string, bind: () => T): T {
  const bySchema = bindings.get(model.chat) ?? new WeakMap<z.ZodType, Map<string, unknown>>();
  bindings.set(model.chat, bySchema);
  const byKey = bySchema.get(schema) ?? new Map<string, unknown>();
  bySchema.set(schema, byKey);
  if (!byKey.has(key)) byKey.set(key, bind());
  return byKey.get(key) as T;
}

/** The model with the agent's read-only tools and the answer offered as one more tool. */
export function withToolsAndAnswer(
  model: AgentModel,
  tools: readonly ToolName[],
  answerName: string,
  schema: z.ZodType,
): ToolRound | null {
  const bindTools = model.chat.bindTools?.bind(model.chat);
  if (!bindTools) return null;
  return cached(model, schema, `tools:${answerName}:${tools.join(',')}`, () =>
    bindTools([
      ...toolSpecs(tools),
      { name: answerName, description: 'Submit the final answer.', schema },
    ]),
  );
}

/** The model answering in `schema`, by the backend's structured-output method. */
export function withAnswerFormat(
  model: AgentModel,
  answerName: string,
  schema: z.ZodType,
): Structured {
  return cached(model, schema, `answer:${answerName}:${model.structuredOutput}`, () =>
    model.chat.withStructuredOutput(schema, { method: model.structuredOutput, name: answerName }),
  );
}
