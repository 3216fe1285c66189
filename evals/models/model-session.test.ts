import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ModelSession, startModelSession } from './model-session.js';

const tool = (name: string) => ({ type: 'function', function: { name, parameters: {} } });

let session: ModelSession;
beforeEach(async () => {
  session = await startModelSession();
});
afterEach(() => session.close());

const chat = (body: object) =>
  fetch(`${session.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...body }),
  });

describe('startModelSession', () => {
  it('records, per case, what each request offered and what the reply called', async () => {
    const first = session.begin(() => ({
      toolCalls: [
        { name: 'send_fax', args: {} },
        { name: 'matching_rerank', args: {} },
      ],
    }));
    const res = await chat({
      tools: [tool('lookup_plan'), tool('matching_rerank')],
    });
    expect(res.status).toBe(200);
    expect(first()).toEqual([
      {
        agent: 'matching',
        step: 'tools',
        offered: ['lookup_plan'],
        called: ['send_fax'],
      },
    ]);
    const second = session.begin(() => ({ json: { ok: true } }));
    await (
      await chat({
        response_format: { type: 'json_schema', json_schema: { name: 'packet_letter' } },
      })
    ).text();
    expect(second()).toEqual([{ agent: 'packet', step: 'packet_letter', offered: [], called: [] }]);
  });

  it('delivers a JSON answer in a tool round as a call of the answer tool', async () => {
    const record = session.begin(() => ({ json: { summary: 'x' } }));
    const res = await chat({ tools: [tool('enrichment_summary')] });
    const body = (await res.json()) as {
      choices: { message: { tool_calls?: { function: { name: string } }[] } }[];
    };
    expect(body.choices[0]?.message.tool_calls?.[0]?.function.name).toBe('enrichment_summary');
    expect(record()[0]).toMatchObject({ agent: 'enrichment', called: [] });
  });
});
