import { describe, expect, it } from 'vitest';
import { codesWithoutCategory, hasCategories, scarceTags, VARIETY_TAGS } from './dataset-checks.js';
import { loadDevSet } from './score.js';

/**
 * The held-out set is validated here but never gated: its figures are reported
 * (`run.ts --dataset evals/datasets/specialty-holdout.jsonl`) and nobody tunes the rules against them.
 */
const HOLDOUT_SET_URL = new URL('../datasets/specialty-holdout.jsonl', import.meta.url);
const cases = loadDevSet(HOLDOUT_SET_URL);

describe('specialty held-out set (validation only, no metric gate)', () => {
  it('has at least 80 cases with unique ids', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('tags every case with exactly one area: and one cond: tag', () => {
    const count = (tags: string[], prefix: string) =>
      tags.filter((t) => t.startsWith(prefix)).length;
    expect(cases.filter((c) => count(c.tags, 'area:') !== 1).map((c) => c.id)).toEqual([]);
    expect(cases.filter((c) => count(c.tags, 'cond:') !== 1).map((c) => c.id)).toEqual([]);
  });

  it.skipIf(!hasCategories())('uses codes whose ICD-10-CM category exists', () => {
    expect(codesWithoutCategory(cases)).toEqual([]);
  });

  it('shares no id and no referral text with the development set', () => {
    const dev = loadDevSet();
    const devIds = new Set(dev.map((c) => c.id));
    const devReasons = new Set(dev.map((c) => c.reason.trim().toLowerCase()));
    expect(cases.filter((c) => devIds.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(
      cases.filter((c) => devReasons.has(c.reason.trim().toLowerCase())).map((c) => c.id),
    ).toEqual([]);
  });

  it('varies what the rules must cope with', () => {
    expect(scarceTags(cases, [...VARIETY_TAGS, 'codes-only'])).toEqual([]);
  });
});
