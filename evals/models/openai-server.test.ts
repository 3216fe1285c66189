import {
  type AIMessageChunk,
  HumanMessage,
  SystemMessage,
  type UsageMetadata,
} from '@langchain/core/messages';
import { concat } from '@langchain/core/utils/stream';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fakeEmbedding, type OpenAiServer, startOpenAiServer } from './openai-server.js';

const Referral = z.object({ specialty: z.string(), urgent: z.boolean() });

const lookupProvider = {
  type: 'function' as const,
  function: {
    name: 'lookup_provider',
    description: 'Find an in-network provider',
    parameters: {
      type: 'object',
      properties: { specialty: { type: 'string' }, zip: { type: 'string' } },
      required: ['specialty', 'zip'],
    },
  },
};

let server: OpenAiServer;

beforeEach(async () => {
  server = await startOpenAiServer();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
});

const chat = (fields: { timeout?: number } = {}) =>
  new ChatOpenAI({
    model: 'test-model',
    apiKey: 'test',
    configuration: { baseURL: server.url },
    maxRetries: 0,
    timeout: fields.timeout ?? 2_000,
  });

// @langchain/core 1.4's message typings resolve `usage_metadata` to `never` here.
const usageOf = (message: { usage_metadata?: unknown } | undefined) =>
  message?.usage_metadata as UsageMetadata | undefined;

const lastBody = () => server.requests.at(-1)?.body as Record<string, unknown>;

describe('startOpenAiServer with the real ChatOpenAI', () => {
  it('answers a scripted text reply, with usage, and records the request', async () => {
    server.script({ content: 'Refer to retina.' });

    const reply = await chat().invoke([
      new SystemMessage('You route referrals.'),
      new HumanMessage('Jane Roe, DOB 1950-01-02, macular hole'),
    ]);

    expect(reply.content).toBe('Refer to retina.');
    expect(usageOf(reply)?.total_tokens).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0];
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer test');
    expect(lastBody()).toMatchObject({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'You route referrals.' },
        { role: 'user', content: 'Jane Roe, DOB 1950-01-02, macular hole' },
      ],
    });
    expect(JSON.stringify(server.requests)).toContain('1950-01-02');
  });

  it('parses structured output with the default jsonSchema method', async () => {
    server.script({ json: { specialty: 'retina', urgent: true } });

    const result = await chat().withStructuredOutput(Referral).invoke('classify');

    expect(result).toEqual({ specialty: 'retina', urgent: true });
    expect(lastBody().response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'extract', strict: true, schema: { type: 'object' } },
    });
    expect(lastBody().tools).toBeUndefined();
  });

  it('parses structured output with the functionCalling method', async () => {
    server.script({
      toolCalls: [{ name: 'referral', args: { specialty: 'glaucoma', urgent: false } }],
    });

    const result = await chat()
      .withStructuredOutput(Referral, { method: 'functionCalling', name: 'referral' })
      .invoke('classify');

    expect(result).toEqual({ specialty: 'glaucoma', urgent: false });
    expect(lastBody().tool_choice).toEqual({ type: 'function', function: { name: 'referral' } });
    expect(lastBody().tools).toMatchObject([{ type: 'function', function: { name: 'referral' } }]);
    expect(lastBody().response_format).toBeUndefined();
  });

  it('rejects structured output that does not match the schema', async () => {
    server.script({ json: { specialty: 'retina' } });

    await expect(chat().withStructuredOutput(Referral).invoke('classify')).rejects.toThrow();
  });

  it('returns parsed tool calls to bindTools', async () => {
    server.script({
      toolCalls: [
        { name: 'lookup_provider', args: { specialty: 'retina', zip: '02139' }, id: 'c1' },
      ],
    });

    const reply = await chat().bindTools([lookupProvider]).invoke('find a retina specialist');

    expect(reply.tool_calls).toEqual([
      {
        name: 'lookup_provider',
        args: { specialty: 'retina', zip: '02139' },
        id: 'c1',
        type: 'tool_call',
      },
    ]);
    expect(lastBody().tools).toMatchObject([{ function: { name: 'lookup_provider' } }]);
  });

  it('reports a malformed tool-call argument string as an invalid tool call', async () => {
    server.script({ toolCalls: [{ name: 'lookup_provider', args: '{"specialty": "ret' }] });

    // Silences @langchain/core's misleading "New LangChain packages are available" warning.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reply = await chat().bindTools([lookupProvider]).invoke('find');

    expect(reply.tool_calls).toEqual([]);
    expect(reply.invalid_tool_calls).toMatchObject([
      { name: 'lookup_provider', args: '{"specialty": "ret' },
    ]);
  });

  it('streams text and tool calls as SSE chunks', async () => {
    server.script(
      { content: 'Refer to cornea clinic.' },
      { toolCalls: [{ name: 'lookup_provider', args: { specialty: 'cornea', zip: '10001' } }] },
    );

    // .stream(), not `streaming: true` + invoke(): that path estimates tokens with js-tiktoken,
    // which downloads its ranks from tiktoken.pages.dev and hangs offline.
    const collect = async (stream: AsyncIterable<AIMessageChunk>) => {
      let whole: AIMessageChunk | undefined;
      for await (const chunk of stream) whole = whole ? concat(whole, chunk) : chunk;
      return whole;
    };
    const text = await collect(await chat().stream('route'));
    const tools = await collect(await chat().bindTools([lookupProvider]).stream('find'));

    expect(text?.content).toBe('Refer to cornea clinic.');
    expect(usageOf(text)?.output_tokens).toBeGreaterThan(0);
    expect(tools?.tool_calls).toMatchObject([
      { name: 'lookup_provider', args: { specialty: 'cornea', zip: '10001' } },
    ]);
    expect(server.requests.map((r) => r.body)).toMatchObject([
      { stream: true, stream_options: { include_usage: true } },
      { stream: true },
    ]);
  });

  it.each([
    { status: 500, error: 'boom' },
    { status: 429, error: 'slow down', headers: { 'retry-after': '1' } },
  ])('rejects a scripted $status', async (reply) => {
    server.script(reply);

    await expect(chat().invoke('hi')).rejects.toMatchObject({ status: reply.status });
    expect(server.requests).toHaveLength(1);
  });

  it('answers 500 when nothing is scripted and no handler is set', async () => {
    await expect(chat().invoke('hi')).rejects.toThrow(/no scripted reply/);
  });

  it('rejects a 200 body that is not JSON', async () => {
    server.script({ raw: 'not json' });

    await expect(chat().invoke('hi')).rejects.toThrow();
  });

  it('times out on a reply that never comes in time and keeps serving afterwards', async () => {
    server.script({ content: 'too late', delayMs: 60_000 }, { content: 'on time' });

    await expect(chat({ timeout: 200 }).invoke('hi')).rejects.toThrow(/timed? ?out/i);
    expect((await chat().invoke('again')).content).toBe('on time');
  });

  it('lets a handler decide from the request, after the queue is empty', async () => {
    server.setHandler((request) => {
      const messages = (request.body as { messages: { content: string }[] }).messages;
      return { content: `echo: ${messages.at(-1)?.content}` };
    });
    server.script({ content: 'scripted first' });

    expect((await chat().invoke('one')).content).toBe('scripted first');
    expect((await chat().invoke('two')).content).toBe('echo: two');
    expect(server.pending()).toBe(0);
  });
});

describe('startOpenAiServer embeddings', () => {
  it('returns deterministic hashed embeddings to OpenAIEmbeddings (base64 by default)', async () => {
    const embeddings = new OpenAIEmbeddings({
      model: 'test-embed',
      apiKey: 'test',
      configuration: { baseURL: server.url },
      maxRetries: 0,
    });

    const [first, second] = await embeddings.embedDocuments(['retina surgeon', 'retina surgeon']);
    const query = await embeddings.embedQuery('glaucoma clinic');

    expect(first).toHaveLength(8);
    expect(first).toEqual(second);
    expect(query).not.toEqual(first);
    fakeEmbedding('glaucoma clinic').forEach((value, i) => {
      expect(query[i]).toBeCloseTo(value, 5);
    });
    expect(server.requests[0]?.path).toBe('/v1/embeddings');
  });

  it('honours dimensions and a handler-scripted failure', async () => {
    const embeddings = new OpenAIEmbeddings({
      model: 'test-embed',
      apiKey: 'test',
      dimensions: 4,
      configuration: { baseURL: server.url },
      maxRetries: 0,
    });

    expect(await embeddings.embedQuery('cataract')).toHaveLength(4);
    server.setHandler(() => ({ status: 503 }));
    await expect(embeddings.embedQuery('cataract')).rejects.toMatchObject({ status: 503 });
  });
});
