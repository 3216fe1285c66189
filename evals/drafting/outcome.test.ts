import { describe, expect, it } from 'vitest';
import { draftingOutcome } from './outcome.js';
import type { CaseScore } from './score-case.js';

const ok = { reason: true, specialist: true, contact: true, language: true, placeholders: [] };
const score = (id: string, over: Partial<CaseScore> = {}): CaseScore => ({
  caseId: id,
  language: 'en',
  urgency: 'routine',
  letter: ok,
  message: { ...ok, declared: 'en', detected: 'en', fellBack: false },
  officePlaceholders: [],
  grade: 6,
  problems: [],
  ...over,
});
const metric = (scores: CaseScore[], id: string, llm: string[] | null = null) =>
  draftingOutcome(scores, { name: 't', version: 'v' }, 1, llm).metrics.find((m) => m.id === id);

describe('draftingOutcome', () => {
  it('passes every gate when every draft passes', () => {
    const outcome = draftingOutcome([score('a'), score('b')], { name: 't', version: 'v' }, 1, null);
    expect(outcome.metrics.filter((m) => m.status === 'fail')).toEqual([]);
    expect(outcome.dataset).toEqual({ name: 't', version: 'v', cases: 2 });
    expect(outcome.metrics.find((m) => m.id === 'llm-accepted')).toBeUndefined();
  });

  it('fails the placeholder gate for one text in six left unfilled', () => {
    const left = score('b', { letter: { ...ok, placeholders: ['{{name}}'] } });
    const m = metric([score('a'), left], 'placeholder-free');
    expect(m).toMatchObject({ value: 5 / 6, n: 2, status: 'fail' });
  });

  it('fails the contact gate for one message without phone or address', () => {
    const bare = score('b', { message: { ...score('b').message, contact: false } });
    expect(metric([score('a'), bare], 'message-contact')).toMatchObject({
      value: 0.5,
      status: 'fail',
    });
    expect(metric([score('a'), bare], 'letter-contact')).toMatchObject({
      value: 1,
      status: 'pass',
    });
  });

  it('grades English messages only and warns past grade 8', () => {
    const hard = score('b', { grade: 12 });
    const spanish = score('c', { language: 'es', grade: null });
    const scores = [score('a'), hard, spanish];
    expect(metric(scores, 'message-grade-ok')).toMatchObject({ value: 0.5, n: 2, status: 'warn' });
    expect(metric(scores, 'message-grade-mean')).toMatchObject({ value: 9, n: 2, status: 'warn' });
    const outcome = draftingOutcome(scores, { name: 't', version: 'v' }, 1, null);
    expect(outcome.histograms?.[0]?.values).toEqual([6, 12]);
  });

  it('counts English fallbacks and the LLM acceptance on the LLM path', () => {
    const fell = score('b', { message: { ...score('b').message, fellBack: true } });
    expect(metric([score('a'), fell], 'message-english-fallback')).toMatchObject({ value: 1 });
    expect(metric([score('a')], 'llm-accepted', ['accepted', 'timeout'])).toMatchObject({
      value: 0.5,
      n: 2,
      status: 'info',
    });
  });
});
