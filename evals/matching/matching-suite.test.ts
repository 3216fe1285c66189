import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SuiteResult } from '../core/suite.js';
import { matchingSuite, runMatchingSuite } from './index.js';

const dataRoot = fileURLToPath(new URL('../../../shared/data', import.meta.url));

describe('the matching suite on the rules path', () => {
  it('holds every gate on both directories', async () => {
    let lastDone = 0;
    const outcome = await matchingSuite.run({
      dataRoot,
      seed: 1,
      progress: (done) => {
        lastDone = done;
      },
    });
    const failing = outcome.metrics.filter((m) => m.status === 'fail').map((m) => m.id);
    expect(failing).toEqual([]);
    expect(outcome.dataset.cases).toBe(600);
    expect(lastDone).toBe(600);
    for (const prefix of ['plannet', 'generated']) {
      const ids = outcome.metrics.filter((m) => m.id.startsWith(`${prefix}.`)).map((m) => m.id);
      expect(ids).toContain(`${prefix}.in_network_rate`);
      expect(ids).toContain(`${prefix}.distance_regret.p90`);
    }
    expect(outcome.metrics.some((m) => m.id === 'generated.wait_regret.mean')).toBe(true);
    expect(outcome.metrics.some((m) => m.id === 'plannet.wait_regret.mean')).toBe(false);
    expect(outcome.failures?.length ?? 0).toBeLessThanOrEqual(50);
    const parsed = SuiteResult.safeParse({
      ...outcome,
      suite: matchingSuite.name,
      title: matchingSuite.title,
      path: 'rules',
      seconds: 0,
    });
    expect(parsed.success).toBe(true);
  }, 120_000);

  it('is the same for the same seed', async () => {
    const small = { directories: ['generated'] as const, casesPerDirectory: 60 };
    const a = await runMatchingSuite({ dataRoot, seed: 3, progress: () => {} }, small);
    const b = await runMatchingSuite({ dataRoot, seed: 3, progress: () => {} }, small);
    expect(b.dataset.version).toBe(a.dataset.version);
    expect(b.metrics.map((m) => m.value)).toEqual(a.metrics.map((m) => m.value));
    expect(b.failures).toEqual(a.failures);
  }, 60_000);
});
