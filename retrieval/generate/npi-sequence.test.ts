import { describe, expect, it } from 'vitest';
import { isValidNpi } from '../../src/domain/index.js';
import { generateDirectory, MAX_PROFILES, npiForIndex } from './index.js';
import { permuteIndex } from './npi-sequence.js';

describe('generated NPIs', () => {
  it('are valid and unique over 100,000 profiles', () => {
    const seen = new Set<string>();
    for (const p of generateDirectory({ count: 100_000, seed: 99 }).profiles()) {
      expect(isValidNpi(p.npi)).toBe(true);
      seen.add(p.npi);
    }
    expect(seen.size).toBe(100_000);
  });

  it('come from a bijection of the index range', () => {
    const out = new Set<number>();
    for (let k = 0; k < 50_000; k++) {
      const v = permuteIndex(4, k);
      expect(v >= 0 && v < MAX_PROFILES).toBe(true);
      out.add(v);
    }
    expect(out.size).toBe(50_000);
    for (const k of [MAX_PROFILES - 1, MAX_PROFILES - 2])
      expect(isValidNpi(npiForIndex(4, k))).toBe(true);
    expect(() => permuteIndex(4, MAX_PROFILES)).toThrow(RangeError);
  });

  it('look like individual NPIs (leading 1) and are not in index order', () => {
    const npis = Array.from({ length: 20 }, (_, k) => npiForIndex(1, k));
    for (const npi of npis) expect(npi).toMatch(/^1\d{9}$/);
    expect(npis).not.toEqual(npis.toSorted());
  });
});
