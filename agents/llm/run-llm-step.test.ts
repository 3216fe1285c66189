import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startOpenAiServer } from '../../evals/models/index.js';
import { createMemoryAudit } from '../../test/fakes/memory-audit.js';
import { agentModelFor, llmStepContext } from '../../test/support/llm.js';
import type { AgentContext } from './llm-context.js';
import { runLlmStep } from './run-llm-step.js';

type Server = Awaited<ReturnType<typeof startOpenAiServer>>;
const Answer = z.object({ pick: z.string(), why: z.string() });
const PROMPT = { id: 'test-step', version: '3', system: 'Pick one.' };
/** Longer than any test may run: an answer delayed this long is never given. */
const NEVER_MS = 3_600_000;
const mask = (s: string) => s.replaceAll('Ada', '[PATIENT_NAME_1]');

describe('runLlmStep over HTTP with the real ChatOpenAI client', () => {
  let server: Server;
  let audit: ReturnType<typeof createMemoryAudit>;
  let ctx: AgentContext;
  const spec = (over: Partial<Parameters<typeof runLlmStep<z.infer<typeof Answer>>>[0]> = {}) => ({
    agent: 'matching' as const,
    prompt: PROMPT,
    input: () => 'candidates: a, b',
    schema: Answer,
    check: (a: z.infer<typeof Answer>) => (['a', 'b'].includes(a.pick) ? null : 'not a candidate'),
    mask,
    ...over,
  });
  const events = (action: string) => audit.events.filter((e) => e.action === action);

  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.setHandler(undefined);
    audit = createMemoryAudit();
    ctx = llmStepContext(server.url, audit);
  });

  it('accepts a valid structured answer and audits the versioned prompt and masked response', async () => {
    server.script({ json: { pick: 'b', why: 'Ada lives closer' } });
    const step = await runLlmStep(spec(), ctx);
    expect(step).toEqual({ ok: true, value: { pick: 'b', why: 'Ada lives closer' } });
    const body = server.requests[0]?.body as { response_format: { type: string } };
    expect(body.response_format.type).toBe('json_schema');
    const [call] = events('llm.called');
    expect(call?.data).toMatchObject({
      prompt: 'test-step@3',
      outcome: 'accepted',
      model: 'test-model',
    });
    expect(String(call?.data.response)).toContain('[PATIENT_NAME_1]');
    expect(String(call?.data.response)).not.toContain('Ada');
  });

  it('uses forced function calling when the backend needs it', async () => {
    ctx.model = agentModelFor(server.url, { structuredOutput: 'functionCalling' });
    server.script({ toolCalls: [{ name: 'test_step', args: { pick: 'a', why: 'x' } }] });
    const step = await runLlmStep(spec(), ctx);
    expect(step.ok).toBe(true);
    const body = server.requests[0]?.body as { tool_choice: { function: { name: string } } };
    expect(body.tool_choice.function.name).toBe('test_step');
  });

  it.each([
    ['malformed JSON', { raw: '{"pick": "a", ' }, 'invalid_output'],
    ['a schema mismatch', { json: { pick: 7 } }, 'invalid_output'],
    ['HTTP 429', { status: 429, error: 'slow down' }, 'rate_limited'],
    ['HTTP 503', { status: 503, error: 'down' }, 'unavailable'],
    ['an answer the business rules refuse', { json: { pick: 'zz', why: 'x' } }, 'rejected'],
  ] as const)('falls back on %s', async (_, reply, reason) => {
    server.script(reply);
    const step = await runLlmStep(spec(), ctx);
    expect(step).toMatchObject({ ok: false, reason });
    expect(events('llm.called')[0]?.data.outcome).toBe(reason);
  });

  it('never waits beyond the timeout: only the deadline can end a call the server never answers', async () => {
    server.script({ json: { pick: 'a', why: 'late' }, delayMs: NEVER_MS });
    const step = await runLlmStep(spec(), ctx);
    expect(step).toMatchObject({ ok: false, reason: 'timeout' });
    expect(events('llm.called')[0]?.data.outcome).toBe('timeout');
  });

  it('falls back without a request, or even a prompt, when no model is configured', async () => {
    let built = 0;
    const input = () => {
      built += 1;
      return 'candidates: a, b';
    };
    const step = await runLlmStep(spec({ input }), { ...ctx, model: null });
    expect(step).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(server.requests).toHaveLength(0);
    expect(built).toBe(0);
  });

  it('refuses and audits unknown tools, tools outside the list and invalid arguments', async () => {
    server.script(
      {
        toolCalls: [
          { name: 'send_fax', args: { to: '+1 555 0100' } },
          { name: 'get_patient', args: { patientId: 'pat-1' } },
          { name: 'lookup_plan', args: { planId: 42 } },
          { name: 'lookup_plan', args: '{not json' },
        ],
      },
      { content: 'done' },
      { json: { pick: 'a', why: 'x' } },
    );
    const step = await runLlmStep(spec({ tools: ['lookup_plan'] }), ctx);
    expect(step.ok).toBe(true);
    const refused = events('tool.refused').map((e) => `${e.data.tool}:${e.data.reason}`);
    expect(refused).toEqual([
      'send_fax:not_allowed',
      'get_patient:not_allowed',
      'lookup_plan:input_invalid',
      'lookup_plan:malformed_arguments',
    ]);
    const second = server.requests[1]?.body as { messages: { role: string; content: string }[] };
    const toolReplies = second.messages.filter((m) => m.role === 'tool').map((m) => m.content);
    expect(toolReplies.every((c) => c.startsWith('refused'))).toBe(true);
    expect(events('llm.called')[0]?.data.refusedTools).toBe(
      'send_fax,get_patient,lookup_plan,lookup_plan',
    );
  });

  it('runs an allowed tool and hands its validated output back as data', async () => {
    ctx.runtime.deps.plans = {
      getPlan: async (id) =>
        id === 'plan-1'
          ? { id, name: 'Plan One', ownerName: 'Payer', networkIds: ['net-1'] }
          : undefined,
    };
    server.script(
      { toolCalls: [{ name: 'lookup_plan', args: { planId: 'plan-1' } }] },
      { content: 'ok' },
      { json: { pick: 'a', why: 'in net-1' } },
    );
    const step = await runLlmStep(spec({ tools: ['lookup_plan'] }), ctx);
    expect(step.ok).toBe(true);
    const second = server.requests[1]?.body as { messages: { role: string; content: string }[] };
    const reply = second.messages.find((m) => m.role === 'tool')?.content ?? '';
    expect(reply).toContain('<<<tool result');
    expect(reply).toContain('net-1');
    expect(events('tool.called').map((e) => e.data.outcome)).toEqual(['ok']);
  });

  it('takes an answer submitted in the tool round: one request when no lookup is needed', async () => {
    server.script({ toolCalls: [{ name: 'test_step', args: { pick: 'a', why: 'x' } }] });
    const step = await runLlmStep(spec({ tools: ['lookup_plan'] }), ctx);
    expect(step).toEqual({ ok: true, value: { pick: 'a', why: 'x' } });
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]?.body as { tools: { function: { name: string } }[] };
    expect(body.tools.map((t) => t.function.name)).toEqual(['lookup_plan', 'test_step']);
  });

  it('treats a malformed submitted answer as invalid output', async () => {
    server.script({ toolCalls: [{ name: 'test_step', args: '{"pick": ' }] });
    const step = await runLlmStep(spec({ tools: ['lookup_plan'] }), ctx);
    expect(step).toMatchObject({ ok: false, reason: 'invalid_output' });
  });
});
