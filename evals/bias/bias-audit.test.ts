import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../core/suite.js';
import { runBiasAudit } from './index.js';

const DATA_ROOT = fileURLToPath(new URL('../../../shared/data', import.meta.url));

describe('the bias audit on the current matcher and the shared data (gate)', () => {
  let result: SuiteResult;
  const progress: Array<[number, number]> = [];

  beforeAll(async () => {
    result = await runBiasAudit({
      dataRoot: DATA_ROOT,
      seed: 1,
      progress: (done, total) => progress.push([done, total]),
    });
  }, 180_000);

  it('holds every gate', () => {
    expect(result.metrics.filter((m) => m.status === 'fail')).toEqual([]);
    expect(result.failures).toEqual([]);
  });

  it('varied every gated attribute on a few hundred referrals', () => {
    expect(result).toMatchObject({ suite: 'bias', path: 'rules' });
    expect(result.dataset.cases).toBeGreaterThanOrEqual(200);
    for (const attribute of ['sex', 'race-ethnicity', 'age-band', 'payer-type']) {
      const m = result.metrics.find((x) => x.id === `invariance.${attribute}.identical-top3`);
      expect(m?.gate, attribute).toEqual({ min: 0.99 });
      expect(m?.n ?? 0, attribute).toBeGreaterThan(50);
    }
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
  });

  it('reports group outcomes per attribute, four-fifths ratios and the missing records', () => {
    const titles = result.tables.map((t) => t.title);
    for (const by of ['payer type', 'language', 'age band', 'urban / rural']) {
      expect(titles).toContain(`Group outcomes by ${by}`);
    }
    const ratios = result.metrics.filter((m) => m.id.startsWith('four-fifths.'));
    expect(ratios).toHaveLength(8);
    for (const m of ratios) expect(m.threshold).toEqual({ min: 0.8 });
    expect(result.notes.some((n) => n.startsWith('No records'))).toBe(true);
    const warned = ratios.filter((m) => m.status === 'warn').length;
    expect(result.notes.filter((n) => n.includes('Likely cause')).length).toBeGreaterThanOrEqual(
      warned,
    );
  });
});
