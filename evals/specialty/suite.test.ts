import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inferSpecialty } from '../../retrieval/index.js';
import { type InferInput, loadDevSet, runCase } from './score.js';
import { confusionOf, specialtyMetrics, specialtySuite } from './suite.js';

const dataRoot = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const cases = loadDevSet();
const statusOf = (metrics: ReturnType<typeof specialtyMetrics>, id: string) =>
  metrics.find((m) => m.id === id)?.status;

describe('specialty suite', () => {
  it('holds its gates on the rules, the eye chapter included', async () => {
    const out = await specialtySuite.run({ dataRoot, seed: 1, progress: () => {} });
    expect(out.metrics.filter((m) => m.status === 'fail')).toEqual([]);
    expect(out.metrics.find((m) => m.id === 'icd10.eye-chapter')?.n).toBeGreaterThan(800);
    expect(out.dataset.cases).toBeGreaterThan(cases.length);
    expect(
      out.metrics.filter((m) => m.id.startsWith('holdout.')).every((m) => m.status === 'info'),
    ).toBe(true);
  });

  it('catches a rule removed: without the retina rules, preferred recall and top-1 fail their gates', () => {
    const withoutRetina = (input: InferInput) => {
      const out = inferSpecialty(input);
      return { ...out, specialties: out.specialties.filter((s) => s.key !== 'retina') };
    };
    const metrics = specialtyMetrics(
      cases.map((c) => runCase(c, withoutRetina)),
      1,
    );
    expect(statusOf(metrics, 'preferred.recall')).toBe('fail');
    expect(statusOf(metrics, 'top1')).toBe('fail');
  });

  it('catches urgency lost: with no urgent condition flagged, urgent recall fails its gate', () => {
    const neverUrgent = (input: InferInput) => ({
      ...inferSpecialty(input),
      urgentCondition: null,
    });
    const metrics = specialtyMetrics(
      cases.map((c) => runCase(c, neverUrgent)),
      1,
    );
    expect(statusOf(metrics, 'urgent.recall')).toBe('fail');
    expect(statusOf(metrics, 'preferred.precision')).toBe('pass');
  });

  it('counts the confusion of expected and planned lead specialty', () => {
    const retinaCase = cases.find((c) => c.expected.preferred[0] === 'retina' && !c.none);
    if (!retinaCase) throw new Error('the dev set has no retina case');
    const results = [
      runCase(retinaCase, () => ({
        specialties: [{ key: 'glaucoma', tier: 'preferred' }],
      })),
    ];
    const m = confusionOf(results);
    const row = m.labels.indexOf('retina');
    const col = m.labels.indexOf('glaucoma');
    expect(m.counts[row]?.[col]).toBe(1);
    expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(1);
  });
});
