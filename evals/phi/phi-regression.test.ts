import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createPhiSuite } from './suite.js';

const dataRoot = fileURLToPath(new URL('../../../shared/data', import.meta.url));

// The injected fault: de-identification bypassed, so raw text reaches prompts and the trace mask.
vi.mock('../../agents/phi/deidentify.js', () => ({
  deidentify: (text: string) => ({ text, vault: {} }),
}));

describe('phi suite catches a leaking prompt', () => {
  it('fails the prompt gate (and the trace gate) when de-identification is bypassed', async () => {
    const suite = createPhiSuite({ patients: 3, approve: 1 });
    const outcome = await suite.run({ dataRoot, seed: 2, progress: () => {} });
    const metric = (id: string) => outcome.metrics.find((m) => m.id === id);
    expect(metric('prompts-leaks')).toMatchObject({ status: 'fail' });
    expect(metric('prompts-leaks')?.value).toBeGreaterThan(0);
    expect(metric('traces-leaks')).toMatchObject({ status: 'fail' });
    expect(outcome.failures?.[0]?.caseId).toMatch(/^prompts#/);
  }, 120_000);
});
