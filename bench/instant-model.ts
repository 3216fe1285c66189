import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { RunnableLambda } from '@langchain/core/runnables';
import type { Reply } from '../evals/models/index.js';

type Answer = (step: string, messages: BaseMessage[]) => Reply;

const text = (messages: BaseMessage[]) =>
  messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));

/**
 * A chat model that answers in-process, at once: the LLM "stubbed at 0 ms". Structured output
 * returns the scripted JSON; a tool round gets a plain reply.
 */
export class InstantChatModel extends BaseChatModel {
  private readonly answer: Answer;
  private readonly tools: string[];
  constructor(answer: Answer, tools: string[] = []) {
    super({});
    this.answer = answer;
    this.tools = tools;
  }
  _llmType() {
    return 'instant';
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const reply = this.answer(`tools:${this.tools.join(',')}`, messages);
    const content = 'content' in reply ? reply.content : '';
    const tool_calls =
      'toolCalls' in reply
        ? reply.toolCalls.map((c, i) => ({
            id: `c${i}`,
            name: c.name,
            args: c.args as Record<string, unknown>,
          }))
        : [];
    return { generations: [{ text: content, message: new AIMessage({ content, tool_calls }) }] };
  }
  override bindTools(tools: { name?: string }[]) {
    return new InstantChatModel(
      this.answer,
      tools.map((t) => t.name ?? ''),
    );
  }
  override withStructuredOutput(_schema: unknown, config?: { name?: string }) {
    return RunnableLambda.from((messages: BaseMessage[]) => {
      const reply = this.answer(config?.name ?? 'unknown', messages);
      if (!('json' in reply))
        throw new Error('the instant model answers structured steps with JSON');
      return reply.json;
      // biome-ignore lint/suspicious/noExplicitAny: BaseChatModel's overloads want a Runnable of the schema's type
    }) as any;
  }
}

/** The prompt text as the OpenAI request would carry it, for the cooperative answers. */
export function asRequest(step: string, messages: BaseMessage[]) {
  const tools = step.startsWith('tools:') ? step.slice(6).split(',') : null;
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    body: {
      messages: text(messages).map((content) => ({ role: 'user', content })),
      ...(tools
        ? { tools: tools.map((name) => ({ function: { name } })) }
        : { response_format: { json_schema: { name: step } } }),
    },
  };
}
