import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agentModelFor } from '../../test/support/llm.js';
import { withAnswerFormat, withToolsAndAnswer } from './bound-models.js';

const Answer = z.object({ pick: z.string() });
const Other = z.object({ text: z.string() });

describe('bound models (real ChatOpenAI, never called)', () => {
  const model = agentModelFor('http://127.0.0.1:9/v1');

  it('binds an answer format once per model, schema and step, and reuses it', () => {
    const first = withAnswerFormat(model, 'rerank', Answer);
    expect(withAnswerFormat(model, 'rerank', Answer)).toBe(first);
    expect(withAnswerFormat(model, 'letter', Answer)).not.toBe(first);
    expect(withAnswerFormat(model, 'rerank', Other)).not.toBe(first);
    expect(withAnswerFormat(agentModelFor('http://127.0.0.1:9/v1'), 'rerank', Answer)).not.toBe(
      first,
    );
  });

  it('keeps bindings apart for another structured-output method on the same client', () => {
    const viaTools = { ...model, structuredOutput: 'functionCalling' as const };
    expect(withAnswerFormat(viaTools, 'rerank', Answer)).not.toBe(
      withAnswerFormat(model, 'rerank', Answer),
    );
  });

  it('binds the tools and the answer tool once per tool set', () => {
    const first = withToolsAndAnswer(model, ['lookup_plan'], 'rerank', Answer);
    expect(first).not.toBeNull();
    expect(withToolsAndAnswer(model, ['lookup_plan'], 'rerank', Answer)).toBe(first);
    expect(
      withToolsAndAnswer(model, ['lookup_plan', 'search_specialists'], 'rerank', Answer),
    ).not.toBe(first);
  });

  it('offers no tool round on a model that cannot bind tools', () => {
    const chat = Object.assign(Object.create(model.chat), { bindTools: undefined });
    expect(withToolsAndAnswer({ ...model, chat }, ['lookup_plan'], 'rerank', Answer)).toBeNull();
  });
});
