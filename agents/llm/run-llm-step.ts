import { type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { z } from 'zod';
import type { AgentName, FallbackReason } from '../../src/domain/index.js';
import type { ToolName } from '../../tools/index.js';
import { withAnswerFormat, withToolsAndAnswer } from './bound-models.js';
import { fallbackReasonOf } from './fallback.js';
import type { AgentContext } from './llm-context.js';
import { DATA_RULES, type Prompt, promptRef } from './prompt.js';
import { answerToolCall, refuseMalformedCall } from './tool-calls.js';

export type LlmStep<T> =
  | { ok: true; value: T }
  | { ok: false; reason: FallbackReason; detail: string };

export interface LlmStepSpec<T> {
  agent: AgentName;
  prompt: Prompt;
  /** The user message: allow-listed fields and de-identified text only (built only if asked). */
  input: () => string;
  schema: z.ZodType<T>;
  /** Business rules on a well-formed answer; a reason to reject it, or null. */
  check?: (value: T) => string | null;
  /** Tools the model may call before answering (the agent's LLM tools). */
  tools?: readonly ToolName[];
  /** Masks what the audit keeps of the answer (the patient's own identifiers). */
  mask: (text: string) => string;
}

const MAX_TOOL_ROUNDS = 3;
const AUDIT_TEXT_LIMIT = 4000;

class DeadlineExceeded extends Error {
  override name = 'TimeoutError';
}

/** Rejects after `ms`, whatever the client does with its abort signal. */
function withDeadline<T>(work: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineExceeded(`LLM step exceeded ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Asks the LLM for one structured answer, letting it call its allowed read-only tools first. Any
 * failure (no model, timeout, rate limit, outage, malformed or rejected answer) comes back as a
 * reason for the deterministic policy to decide instead. Every call is audited, masked.
 */
export async function runLlmStep<T>(spec: LlmStepSpec<T>, ctx: AgentContext): Promise<LlmStep<T>> {
  const model = ctx.model;
  if (!model) return { ok: false, reason: 'not_configured', detail: 'no LLM is configured' };
  const input = spec.input();
  const started = Date.now();
  const controller = new AbortController();
  const refusals: string[] = [];
  let answer: unknown;

  const conversation = async (): Promise<T> => {
    const messages: BaseMessage[] = [
      new SystemMessage(`${spec.prompt.system}\n\n${DATA_RULES}`),
      new HumanMessage(input),
    ];
    const options = { signal: controller.signal };
    const answerName = spec.prompt.id.replace(/[^A-Za-z0-9_]/g, '_');
    const tools = spec.tools ?? [];
    const withTools =
      tools.length > 0 ? withToolsAndAnswer(model, tools, answerName, spec.schema) : null;
    if (withTools) {
      // The answer is offered as one more tool, so a model that needs no lookup answers at once.
      for (let round = 0; round < MAX_TOOL_ROUNDS; round++) {
        const reply = await withTools.invoke(messages, options);
        const calls = reply.tool_calls ?? [];
        const malformed = reply.invalid_tool_calls ?? [];
        const submitted = calls.find((c) => c.name === answerName);
        if (submitted) {
          answer = submitted.args;
          return spec.schema.parse(answer);
        }
        if (malformed.some((c) => c.name === answerName)) {
          throw new SyntaxError('the submitted answer is not valid JSON');
        }
        if (calls.length === 0 && malformed.length === 0) break;
        messages.push(reply);
        for (const call of calls) {
          const { message, refused } = await answerToolCall(spec.agent, call, tools, ctx);
          if (refused) refusals.push(call.name.slice(0, 64));
          messages.push(message);
        }
        for (const call of malformed) {
          refusals.push((call.name ?? 'unknown').slice(0, 64));
          messages.push(await refuseMalformedCall(spec.agent, call, ctx));
        }
      }
    }
    answer = await withAnswerFormat(model, answerName, spec.schema).invoke(messages, options);
    return spec.schema.parse(answer);
  };

  let result: LlmStep<T>;
  try {
    const value = await withDeadline(conversation(), model.timeoutMs, controller);
    const rejection = spec.check?.(value) ?? null;
    result = rejection ? { ok: false, reason: 'rejected', detail: rejection } : { ok: true, value };
  } catch (error) {
    const reason = fallbackReasonOf(error);
    result = { ok: false, reason, detail: `LLM ${reason.replace('_', ' ')}` };
  }
  await ctx.runtime.audit.append({
    practiceId: ctx.scope.practiceId,
    referralId: ctx.scope.referralId,
    actor: `agent:${spec.agent}`,
    action: 'llm.called',
    data: {
      agent: spec.agent,
      prompt: promptRef(spec.prompt),
      model: model.name,
      zeroRetention: model.zeroRetention,
      outcome: result.ok ? 'accepted' : result.reason,
      detail: result.ok ? null : spec.mask(result.detail).slice(0, 500),
      refusedTools: refusals.join(',') || null,
      ms: Date.now() - started,
      input: input.slice(0, AUDIT_TEXT_LIMIT),
      response:
        answer === undefined ? null : spec.mask(JSON.stringify(answer)).slice(0, AUDIT_TEXT_LIMIT),
    },
  });
  return result;
}
