import { npiCheckDigit } from '../../src/domain/index.js';
import { hash32 } from './prng.js';

const HALF_BITS = 13;
const HALF_MASK = (1 << HALF_BITS) - 1;
/** Profile indexes the permutation covers: 2^26, far above the 1,000,000 a directory needs. */
export const MAX_PROFILES = 1 << (2 * HALF_BITS);
const ROUNDS = 4;
/** Stretches [0, 2^26) over [0, 10^8) strictly increasingly, so distinct inputs stay distinct. */
const STRETCH = 99_999_999 / (MAX_PROFILES - 1);

/** A seeded bijection of [0, 2^26): a balanced Feistel network, so no two indexes collide. */
export function permuteIndex(seed: number, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k >= MAX_PROFILES) {
    throw new RangeError(`profile index out of range: ${k}`);
  }
  let left = k >>> HALF_BITS;
  let right = k & HALF_MASK;
  for (let round = 0; round < ROUNDS; round++) {
    const next = left ^ (hash32(seed, round, right) & HALF_MASK);
    left = right;
    right = next;
  }
  return (left << HALF_BITS) | right;
}

/** The NPI of profile k: 1 + eight digits from the permutation + the Luhn check digit. */
export function npiForIndex(seed: number, k: number): string {
  const base = String(100_000_000 + Math.floor(permuteIndex(seed, k) * STRETCH));
  return `${base}${npiCheckDigit(base)}`;
}
