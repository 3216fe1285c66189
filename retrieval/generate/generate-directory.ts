import type {
  DirectoryProfile,
  InsurancePlanRecord,
  NetworkRecord,
} from '../../src/domain/index.js';
import { MAX_PROFILES } from './npi-sequence.js';
import { NETWORKS, PLANS } from './payers.js';
import { BLOCK_SIZE, type Practice, practicesOfBlock } from './practice.js';
import { buildProfile } from './profile.js';

export interface GenerateOptions {
  /** How many profiles; at most 2^26. */
  count: number;
  /** Any integer; only its low 32 bits matter. */
  seed: number;
}

export interface GeneratedDirectory {
  networks: NetworkRecord[];
  plans: InsurancePlanRecord[];
  /** Streams the profiles in order; each call starts again from the first. */
  profiles(): Generator<DirectoryProfile>;
}

/**
 * A synthetic directory, the same for the same seed; profile k does not depend on `count`, so a
 * bigger directory extends a smaller one.
 */
export function generateDirectory({ count, seed }: GenerateOptions): GeneratedDirectory {
  if (!Number.isInteger(count) || count < 0 || count > MAX_PROFILES) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_PROFILES}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  const s = seed >>> 0;
  return {
    networks: NETWORKS.map((n) => ({ ...n })),
    plans: PLANS.map((p) => ({ ...p, networkIds: [...p.networkIds] })),
    *profiles() {
      for (let block = 0; block * BLOCK_SIZE < count; block++) {
        for (const practice of practicesOfBlock(s, block)) {
          const end = Math.min(practice.start + practice.size, count);
          for (let k = practice.start; k < end; k++) yield buildProfile(s, k, practice);
        }
      }
    },
  };
}

/** Profile k alone (what `profiles()` yields k-th), without generating the ones before it. */
export function generateProfile(seed: number, k: number): DirectoryProfile {
  if (!Number.isInteger(k) || k < 0 || k >= MAX_PROFILES) {
    throw new RangeError(`profile index must be an integer from 0 to ${MAX_PROFILES - 1}`);
  }
  const s = seed >>> 0;
  const block = Math.floor(k / BLOCK_SIZE);
  const practice = practicesOfBlock(s, block).find(
    (p: Practice) => k >= p.start && k < p.start + p.size,
  );
  if (!practice) throw new Error(`no practice covers profile ${k}`);
  return buildProfile(s, k, practice);
}
