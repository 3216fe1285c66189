import { describe, expect, it } from 'vitest';
import { binCounts, psi, psiTerms } from './psi.js';

describe('psi', () => {
  it('is 0 for identical distributions, whatever the sample sizes', () => {
    expect(psi({ a: 5, b: 3, c: 2 }, { a: 5, b: 3, c: 2 })).toBe(0);
    expect(psi({ a: 50, b: 30, c: 20 }, { a: 5, b: 3, c: 2 })).toBeCloseTo(0, 12);
  });

  it('gives the hand-computed value for a known shift', () => {
    // 0.1·ln(0.6/0.5) + (−0.1)·ln(0.4/0.5) = 0.1·(0.18232 + 0.22314)
    expect(psi({ a: 50, b: 50 }, { a: 60, b: 40 })).toBeCloseTo(0.0405465, 6);
    // 0.25·ln 2 + 0 + (−0.25)·ln 0.5 = 0.5·ln 2
    expect(psi({ a: 1, b: 1, c: 2 }, { a: 2, b: 1, c: 1 })).toBeCloseTo(0.3465736, 6);
  });

  it('is symmetric in its two windows', () => {
    const a = { x: 10, y: 30, z: 60 };
    const b = { x: 30, y: 30, z: 40 };
    expect(psi(a, b)).toBeCloseTo(psi(b, a) ?? Number.NaN, 12);
  });

  it('raises an empty bin to epsilon, so a category one window never saw stays finite', () => {
    // a: (0.5 − 1)·ln 0.5 = 0.3465736; b: (0.5 − 0.0001)·ln(5000) = 4.2577449
    expect(psi({ a: 10 }, { a: 5, b: 5 }, 1e-4)).toBeCloseTo(4.6043185, 6);
    expect(psi({ a: 10, b: 0 }, { a: 5, b: 5 }, 1e-4)).toBeCloseTo(4.6043185, 6);
    const terms = psiTerms({ a: 10 }, { a: 5, b: 5 }, 1e-4);
    expect(terms?.map((t) => [t.category, t.baseline, t.current])).toEqual([
      ['a', 1, 0.5],
      ['b', 1e-4, 0.5],
    ]);
  });

  it('grows as the shift grows', () => {
    const base = { a: 50, b: 50 };
    const small = psi(base, { a: 55, b: 45 }) ?? 0;
    const large = psi(base, { a: 80, b: 20 }) ?? 0;
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(0.2);
    expect(small).toBeLessThan(0.1);
  });

  it('is null when either window is empty', () => {
    expect(psi({}, { a: 1 })).toBeNull();
    expect(psi({ a: 1 }, { a: 0 })).toBeNull();
  });
});

describe('binCounts', () => {
  it('counts values into half-open bins between the edges, the last one open', () => {
    expect(binCounts([0, 4.9, 5, 9.99, 10, 200], [5, 10])).toEqual({
      '<5': 2,
      '5-10': 2,
      '>=10': 2,
    });
    expect(binCounts([], [5, 10])).toEqual({ '<5': 0, '5-10': 0, '>=10': 0 });
  });
});
