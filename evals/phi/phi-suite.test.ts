import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { phiSuite } from './suite.js';

const dataRoot = fileURLToPath(new URL('../../../shared/data', import.meta.url));

describe('phi suite on the current code', () => {
  it('finds no canary in prompts, traces or logs, and the sent letters re-identified', async () => {
    const outcome = await phiSuite.run({ dataRoot, seed: 1, progress: () => {} });
    expect(outcome.metrics.filter((m) => m.status === 'fail')).toEqual([]);
    expect(outcome.failures).toEqual([]);
    const n = (id: string) => outcome.metrics.find((m) => m.id === id)?.n ?? 0;
    expect(n('prompts-leaks')).toBeGreaterThanOrEqual(4 * outcome.dataset.cases);
    expect(n('sent-reidentified')).toBeGreaterThan(0);
  }, 120_000);
});
