import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** `args` is sent JSON-encoded when it is an object, verbatim when it is a string (to fake malformed calls). */
export interface ScriptedToolCall {
  name: string;
  args: unknown;
  id?: string;
}

export type Reply = (
  | { content: string }
  | { json: unknown }
  | { toolCalls: ScriptedToolCall[] }
  | { status: number; error?: string; headers?: Record<string, string> }
  | { raw: string }
  | { embeddings: number[][] }
) & { delayMs?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

/** Returning `undefined` falls through to the default: 500 for chat, hashed embeddings for embeddings. */
export type ReplyHandler = (
  request: RecordedRequest,
) => Reply | undefined | Promise<Reply | undefined>;

interface ChatBody {
  model?: string;
  messages?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

interface EmbeddingsBody {
  model?: string;
  input?: string | string[] | number[] | number[][];
  dimensions?: number;
  encoding_format?: string;
}

const DEFAULT_DIMENSIONS = 8;

/** Hashed bag of words, L2-normalised: texts sharing words get similar vectors. */
export function fakeEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let hash = 0x811c9dc5;
    for (const char of word) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
    const index = hash % dimensions;
    vector[index] = (vector[index] ?? 0) + ((hash >>> 16) & 1 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

const approxTokens = (value: unknown): number =>
  Math.ceil((typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).length / 4);

function errorBody(status: number, message: string) {
  const type =
    status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: null } };
}

function assistantMessage(reply: Reply, nextId: () => string) {
  if ('toolCalls' in reply) {
    const toolCalls = reply.toolCalls.map((call) => ({
      id: call.id ?? nextId(),
      type: 'function' as const,
      function: {
        name: call.name,
        arguments: typeof call.args === 'string' ? call.args : JSON.stringify(call.args),
      },
    }));
    return { content: null, toolCalls, finishReason: 'tool_calls' };
  }
  if ('json' in reply) {
    return { content: JSON.stringify(reply.json), toolCalls: undefined, finishReason: 'stop' };
  }
  if ('content' in reply)
    return { content: reply.content, toolCalls: undefined, finishReason: 'stop' };
  return undefined;
}

export async function startOpenAiServer(initialHandler?: ReplyHandler) {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  let handler = initialHandler;
  let counter = 0;
  const nextId = (prefix: string) => () => `${prefix}-${++counter}`;
  const closing = new AbortController();

  const sendJson = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const answerChat = (res: ServerResponse, body: ChatBody, reply: Reply) => {
    const message = assistantMessage(reply, nextId('call'));
    if (!message) {
      sendJson(res, 500, errorBody(500, 'openai-server: this reply kind does not fit chat'));
      return;
    }
    const id = nextId('chatcmpl-fake')();
    const base = { id, created: Math.floor(Date.now() / 1000), model: body.model ?? 'unknown' };
    const promptTokens = approxTokens(body.messages);
    const completionTokens = approxTokens(message.content ?? message.toolCalls);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    if (!body.stream) {
      const assistant = {
        role: 'assistant',
        content: message.content,
        refusal: null,
        ...(message.toolCalls ? { tool_calls: message.toolCalls } : {}),
      };
      sendJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [
          { index: 0, message: assistant, finish_reason: message.finishReason, logprobs: null },
        ],
        usage,
      });
      return;
    }
    const chunk = (choices: unknown[], extra: object = {}) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
    const delta = (value: object, finishReason: string | null = null) =>
      chunk([{ index: 0, delta: value, finish_reason: finishReason, logprobs: null }]);
    const events = [delta({ role: 'assistant', content: '' })];
    for (const piece of message.content?.match(/\S+\s*|\s+/g) ?? []) {
      events.push(delta({ content: piece }));
    }
    for (const [index, call] of (message.toolCalls ?? []).entries()) {
      const { arguments: args, name } = call.function;
      events.push(
        delta({
          tool_calls: [{ index, id: call.id, type: 'function', function: { name, arguments: '' } }],
        }),
        delta({ tool_calls: [{ index, function: { arguments: args } }] }),
      );
    }
    events.push(delta({}, message.finishReason));
    if (body.stream_options?.include_usage) events.push(chunk([], { usage }));
    events.push('data: [DONE]\n\n');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.end(events.join(''));
  };

  const answerEmbeddings = (
    res: ServerResponse,
    body: EmbeddingsBody,
    reply: Reply | undefined,
  ) => {
    if (reply && !('embeddings' in reply)) {
      sendJson(res, 500, errorBody(500, 'openai-server: this reply kind does not fit embeddings'));
      return;
    }
    const input = body.input ?? [];
    const texts =
      typeof input === 'string'
        ? [input]
        : input.every((item) => typeof item === 'number')
          ? [input.join(' ')]
          : input.map((item) => (Array.isArray(item) ? item.join(' ') : item));
    const vectors =
      reply?.embeddings ??
      texts.map((text) => fakeEmbedding(text, body.dimensions ?? DEFAULT_DIMENSIONS));
    const encode = (vector: number[]) =>
      body.encoding_format === 'base64'
        ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
        : vector;
    const tokens = approxTokens(texts);
    sendJson(res, 200, {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: encode(vector),
      })),
      model: body.model ?? 'unknown',
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    let isGone = false;
    res.on('close', () => {
      isGone = true;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {}
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
    };
    requests.push(recorded);

    const isChat = req.method === 'POST' && path.endsWith('/chat/completions');
    const isEmbeddings = req.method === 'POST' && path.endsWith('/embeddings');
    if (!isChat && !isEmbeddings) {
      sendJson(res, 404, errorBody(404, `openai-server: no route for ${req.method} ${path}`));
      return;
    }
    const reply = (isChat ? queue.shift() : undefined) ?? (await handler?.(recorded));
    if (reply?.delayMs) {
      try {
        await sleep(reply.delayMs, undefined, { signal: closing.signal });
      } catch {
        return;
      }
    }
    if (isGone) return;
    if (reply && 'status' in reply) {
      const message = reply.error ?? `openai-server: scripted status ${reply.status}`;
      sendJson(res, reply.status, errorBody(reply.status, message), reply.headers);
    } else if (reply && 'raw' in reply) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(reply.raw);
    } else if (isEmbeddings) {
      answerEmbeddings(res, (body ?? {}) as EmbeddingsBody, reply);
    } else if (reply) {
      answerChat(res, (body ?? {}) as ChatBody, reply);
    } else {
      sendJson(res, 500, errorBody(500, `openai-server: no scripted reply for POST ${path}`));
    }
  };

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, errorBody(500, String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Queues replies for chat completions, served first-in first-out; embeddings ask only the handler. */
    script: (...replies: Reply[]) => {
      queue.push(...replies);
    },
    setHandler: (next: ReplyHandler | undefined) => {
      handler = next;
    },
    /** Scripted replies not yet consumed. */
    pending: () => queue.length,
    close: () => {
      closing.abort();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type OpenAiServer = Awaited<ReturnType<typeof startOpenAiServer>>;
