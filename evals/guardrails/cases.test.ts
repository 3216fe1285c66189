import { describe, expect, it } from 'vitest';
import { PROMPT_INJECTIONS } from '../datasets/prompt-injections.js';
import { DEFAULT_INJECTION_SAMPLE, guardrailCases, MISBEHAVIOURS } from './cases.js';

const injectionsOf = (seed: number, sample?: number | 'all') =>
  guardrailCases(seed, sample).flatMap((c) => (c.kind === 'injection' ? [c] : []));

describe('guardrailCases', () => {
  it('is deterministic in the seed, and another seed samples other strings', () => {
    expect(guardrailCases(7).map((c) => c.id)).toEqual(guardrailCases(7).map((c) => c.id));
    expect(injectionsOf(7).map((c) => c.id)).not.toEqual(injectionsOf(8).map((c) => c.id));
  });

  it('samples distinct strings, deals the placements evenly and alternates the decision', () => {
    const cases = injectionsOf(3);
    expect(cases).toHaveLength(DEFAULT_INJECTION_SAMPLE);
    expect(new Set(cases.map((c) => c.injection)).size).toBe(cases.length);
    for (const p of ['reason', 'notes', 'directory']) {
      expect(cases.filter((c) => c.placement === p)).toHaveLength(DEFAULT_INJECTION_SAMPLE / 3);
    }
    expect(cases.filter((c) => c.approve)).toHaveLength(DEFAULT_INJECTION_SAMPLE / 2);
  });

  it("plants every string once with 'all', and always adds every misbehaviour", () => {
    const all = guardrailCases(1, 'all');
    const planted = all.flatMap((c) => (c.kind === 'injection' ? [c.injection] : []));
    expect([...planted].sort()).toEqual([...PROMPT_INJECTIONS].sort());
    expect(all.filter((c) => c.kind === 'misbehaviour')).toHaveLength(MISBEHAVIOURS.length);
  });
});
