import { describe, expect, it } from 'vitest';
import { inferSpecialty } from '../../retrieval/index.js';
import { codesWithoutCategory, hasCategories, scarceTags, VARIETY_TAGS } from './dataset-checks.js';
import { evaluate, fmt, loadDevSet, type Metrics, THRESHOLDS } from './score.js';

const cases = loadDevSet();

describe('specialty dev set', () => {
  it('has at least 180 cases with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(180);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('covers at least 60 distinct conditions, each case tagged with one', () => {
    const conditions = new Set(cases.flatMap((c) => c.tags.filter((t) => t.startsWith('cond:'))));
    expect(conditions.size).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => !c.tags.some((t) => t.startsWith('cond:')))).toEqual([]);
  });

  it.skipIf(!hasCategories())('uses codes whose ICD-10-CM category exists', () => {
    expect(codesWithoutCategory(cases)).toEqual([]);
  });

  it('varies what the rules must cope with', () => {
    expect(scarceTags(cases, [...VARIETY_TAGS])).toEqual([]);
    expect(cases.filter((c) => c.tags.includes('negation') && c.none).length).toBeGreaterThan(0);
  });
});

describe('specialty rules on the dev set (gate; see THRESHOLDS in score.ts)', () => {
  const m: Metrics = evaluate(cases, inferSpecialty);
  const unflagged = m.failures.filter((f) => f.problems.includes('urgent not flagged'));

  it(`preferred-tier precision ≥ ${THRESHOLDS.preferredPrecision}`, () => {
    expect(m.preferredPrecision.value ?? 0, fmt(m.preferredPrecision)).toBeGreaterThanOrEqual(
      THRESHOLDS.preferredPrecision,
    );
  });

  it(`preferred-tier recall ≥ ${THRESHOLDS.preferredRecall}`, () => {
    expect(m.preferredRecall.value ?? 0, fmt(m.preferredRecall)).toBeGreaterThanOrEqual(
      THRESHOLDS.preferredRecall,
    );
  });

  it(`top-1 accuracy ≥ ${THRESHOLDS.top1}`, () => {
    expect(m.top1.value ?? 0, fmt(m.top1)).toBeGreaterThanOrEqual(THRESHOLDS.top1);
  });

  it(`plan recall ≥ ${THRESHOLDS.planRecall}`, () => {
    expect(m.planRecall.value ?? 0, fmt(m.planRecall)).toBeGreaterThanOrEqual(
      THRESHOLDS.planRecall,
    );
  });

  it(`negation false positives ≤ ${THRESHOLDS.negationFalsePositives}`, () => {
    expect(
      m.negationFalsePositives.count,
      m.negationFalsePositives.ids.join(', '),
    ).toBeLessThanOrEqual(THRESHOLDS.negationFalsePositives);
  });

  it(`urgent recall ≥ ${THRESHOLDS.urgentRecall}`, () => {
    expect(
      m.urgentRecall.value ?? 0,
      `${fmt(m.urgentRecall)}; missed ${unflagged.map((f) => f.id).join(', ')}`,
    ).toBeGreaterThanOrEqual(THRESHOLDS.urgentRecall);
  });
});
