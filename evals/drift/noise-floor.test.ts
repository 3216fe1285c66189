import { describe, expect, it } from 'vitest';
import { Rng } from '../../retrieval/index.js';
import { chiSquareQuantile, psiNoiseFloor, rateNoiseFloor } from './noise-floor.js';
import { psi } from './psi.js';

describe('chiSquareQuantile', () => {
  it('matches the tabled 99th percentiles within 1%', () => {
    for (const [k, tabled] of [
      [2, 9.21],
      [3, 11.345],
      [5, 15.086],
      [10, 23.209],
    ] as const) {
      expect(Math.abs(chiSquareQuantile(k, 2.326) / tabled - 1)).toBeLessThan(0.01);
    }
    expect(chiSquareQuantile(0, 2.326)).toBe(0);
  });
});

describe('psiNoiseFloor', () => {
  it('scales the χ² quantile by 1/n₁ + 1/n₂', () => {
    expect(psiNoiseFloor(4, 100, 100, 2.326)).toBeCloseTo(chiSquareQuantile(3, 2.326) * 0.02, 12);
    expect(psiNoiseFloor(4, 0, 100, 2.326)).toBe(Number.POSITIVE_INFINITY);
  });

  const draw = (rng: Rng, shares: readonly number[], n: number) => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      let cumulative = 0;
      const k = shares.findIndex((s) => {
        cumulative += s;
        return u < cumulative;
      });
      const key = `c${k === -1 ? shares.length - 1 : k}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };

  it('is rarely passed by two samples of one distribution, and mostly by a real shift', () => {
    const rng = new Rng(7);
    const base = [0.4, 0.25, 0.2, 0.15];
    const moved = [0.2, 0.25, 0.2, 0.35];
    let stableOver = 0;
    let shiftedOver = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) {
      const floor = psiNoiseFloor(4, 200, 60, 2.576);
      if ((psi(draw(rng, base, 200), draw(rng, base, 60)) ?? 0) > floor) stableOver += 1;
      if ((psi(draw(rng, base, 200), draw(rng, moved, 60)) ?? 0) > floor) shiftedOver += 1;
    }
    expect(stableOver / runs).toBeLessThan(0.03);
    expect(shiftedOver / runs).toBeGreaterThan(0.5);
  });
});

describe('rateNoiseFloor', () => {
  it('is z standard errors of the difference under the pooled rate', () => {
    // pooled 0.1: 1.96 · √(0.09 · (1/100 + 1/100))
    expect(rateNoiseFloor({ num: 10, den: 100 }, { num: 10, den: 100 }, 1.96)).toBeCloseTo(
      0.0831558,
      6,
    );
    expect(rateNoiseFloor({ num: 0, den: 50 }, { num: 0, den: 50 }, 2.576)).toBe(0);
    expect(rateNoiseFloor({ num: 0, den: 0 }, { num: 1, den: 5 }, 2.576)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
