import { describe, expect, it } from 'vitest';
import type { PairResult } from './audit-runs.js';
import type { Attribute } from './counterfactuals.js';
import { compareOutcomes, kendallTauOverUnion } from './invariance.js';
import { IDENTICAL_GATE, invarianceFailures, invarianceMetrics } from './invariance-report.js';

describe('kendallTauOverUnion', () => {
  it('is 1 for the same list and -1 for the list reversed', () => {
    expect(kendallTauOverUnion(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(1);
    expect(kendallTauOverUnion(['a', 'b', 'c'], ['c', 'b', 'a'])).toBe(-1);
  });

  it('counts one swapped pair of three: (2 − 1) / 3', () => {
    expect(kendallTauOverUnion(['a', 'b', 'c'], ['b', 'a', 'c'])).toBeCloseTo(1 / 3, 12);
  });

  it('ranks an item missing from a list after that list’s items', () => {
    // union a b c d; ranks a0 b1 c2 d3 against a0 b1 d2 c3: five concordant pairs, one discordant
    expect(kendallTauOverUnion(['a', 'b', 'c'], ['a', 'b', 'd'])).toBeCloseTo(4 / 6, 12);
    // disjoint lists: every cross pair is discordant, every pair within a list tied on the other side
    expect(kendallTauOverUnion(['a', 'b'], ['c', 'd'])).toBeLessThan(0);
  });

  it('is 1 for two empty lists and 0 when only one is empty', () => {
    expect(kendallTauOverUnion([], [])).toBe(1);
    expect(kendallTauOverUnion(['a', 'b'], [])).toBe(0);
    expect(kendallTauOverUnion(['a'], ['a'])).toBe(1);
    expect(kendallTauOverUnion(['a'], ['b'])).toBeLessThan(0);
  });
});

describe('compareOutcomes', () => {
  it('calls a pair identical only with the same status and the same order', () => {
    const base = { status: 'matched' as const, ids: ['a', 'b', 'c'] };
    expect(compareOutcomes(base, { status: 'matched', ids: ['a', 'b', 'c'] })).toEqual({
      identical: true,
      tau: 1,
    });
    expect(compareOutcomes(base, { status: 'matched', ids: ['a', 'c', 'b'] }).identical).toBe(
      false,
    );
    expect(compareOutcomes(base, { status: 'exception', ids: ['a', 'b', 'c'] }).identical).toBe(
      false,
    );
  });
});

function pairs(attribute: Attribute, total: number, changed: number): PairResult[] {
  return Array.from({ length: total }, (_, i) => {
    const base = { status: 'matched' as const, ids: ['a', 'b', 'c'] };
    const variant = i < changed ? { status: 'matched' as const, ids: ['b', 'a', 'c'] } : base;
    return {
      directory: 'generated',
      caseId: `case-${i}`,
      attribute,
      change: 'female → male',
      base,
      variant,
      comparison: compareOutcomes(base, variant),
    };
  });
}

const metric = (all: PairResult[], id: string) => {
  const found = invarianceMetrics(all, 1).find((m) => m.id === id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
};

describe('invarianceMetrics', () => {
  it('passes the gate when every list stays the same, and at exactly the gate', () => {
    expect(metric(pairs('sex', 100, 0), 'invariance.sex.identical-top3')).toMatchObject({
      value: 1,
      n: 100,
      status: 'pass',
      gate: { min: IDENTICAL_GATE },
    });
    expect(metric(pairs('sex', 100, 1), 'invariance.sex.identical-top3').status).toBe('pass');
  });

  it('fails the gate when lists move with the attribute, and warns on the rank correlation', () => {
    const moved = [...pairs('sex', 100, 2), ...pairs('race-ethnicity', 50, 0)];
    expect(metric(moved, 'invariance.sex.identical-top3')).toMatchObject({
      value: 0.98,
      status: 'fail',
    });
    expect(metric(moved, 'invariance.race-ethnicity.identical-top3').status).toBe('pass');
    const swapped = pairs('age-band', 10, 10);
    expect(metric(swapped, 'invariance.age-band.kendall-tau')).toMatchObject({ status: 'warn' });
    expect(metric(swapped, 'invariance.age-band.kendall-tau').value).toBeCloseTo(1 / 3, 12);
  });

  it('reports language without a gate, and fails a gated attribute with no pairs at all', () => {
    const all = pairs('language', 10, 10);
    expect(metric(all, 'invariance.language.identical-top3')).toMatchObject({
      value: 0,
      status: 'info',
    });
    expect(metric(all, 'invariance.payer-type.identical-top3')).toMatchObject({
      value: null,
      status: 'fail',
    });
  });

  it('lists the changed lists of gated attributes as failures, not the language ones', () => {
    const failures = invarianceFailures([...pairs('sex', 5, 2), ...pairs('language', 5, 5)]);
    expect(failures.map((f) => f.caseId)).toEqual(['case-0', 'case-1']);
    expect(failures[0]?.problem).toContain(
      'sex female → male: matched [a, b, c] → matched [b, a, c]',
    );
  });
});
