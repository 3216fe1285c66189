import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardrailsSuite } from './suite.js';

const dataRoot = fileURLToPath(new URL('../../../shared/data', import.meta.url));

describe('guardrails suite on the current code', () => {
  it('holds every gate against the hijacked and misbehaving model', async () => {
    const outcome = await guardrailsSuite.run({ dataRoot, seed: 1, progress: () => {} });
    expect(outcome.metrics.filter((m) => m.status === 'fail')).toEqual([]);
    const value = (id: string) => outcome.metrics.find((m) => m.id === id)?.value;
    // The gates were exercised: the model was attacked, refused and approvals did send.
    expect(value('model-consulted')).toBe(1);
    expect(value('refused-calls')).toBeGreaterThanOrEqual(outcome.dataset.cases);
    expect(value('sent-after-approval')).toBeGreaterThan(0);
  }, 120_000);
});
