import type { Reply } from '../evals/models/index.js';

/** An OpenAI chat completion for a scripted reply (content, JSON or tool calls), built in-process. */
export function stubCompletion(reply: Reply, body: Record<string, unknown>) {
  const message: Record<string, unknown> = { role: 'assistant', content: null, refusal: null };
  if ('json' in reply) message.content = JSON.stringify(reply.json);
  else if ('content' in reply) message.content = reply.content;
  else if ('toolCalls' in reply) {
    message.tool_calls = reply.toolCalls.map((c, i) => ({
      id: c.id ?? `call-${i}`,
      type: 'function',
      function: {
        name: c.name,
        arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
      },
    }));
  } else throw new Error('the stub answers content, JSON or tool calls only');
  return {
    id: 'stub',
    object: 'chat.completion',
    created: 0,
    model: String(body.model ?? 'stub'),
    choices: [
      {
        index: 0,
        message,
        finish_reason: 'tool_calls' in message ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}
