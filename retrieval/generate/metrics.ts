import type { DirectoryProfile, Metric } from '../../src/domain/index.js';
import type { Rng } from './prng.js';

export const METRICS_AS_OF = '2026-11-01';

type Metrics = DirectoryProfile['metrics'];

function metric(value: number, count: number): Metric {
  return { value, count, source: 'generated', asOf: METRICS_AS_OF };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Successes in n trials of probability p: exact for small n, normal approximation above. */
function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  return clamp(Math.round(n * p + Math.sqrt(n * p * (1 - p)) * rng.normal()), 0, n);
}

/**
 * Referral and review figures with realistic sparsity: most practitioners have a handful of
 * referrals and reviews, a few have hundreds, and small counts give noisy values.
 */
export function drawMetrics(rng: Rng, waitMedian: number): Metrics {
  const referrals = Math.max(1, Math.round(rng.logNormal(10, 1.1)));
  const wait = Math.round(clamp(rng.logNormal(waitMedian, 0.55), 1, 180));
  const reviews = Math.max(1, Math.round(rng.logNormal(6, 1.3)));
  const quality = clamp(4.2 + 0.45 * rng.normal(), 1, 5);
  const rating = clamp(quality + rng.normal() / Math.sqrt(reviews), 1, 5);
  const closed = binomial(rng, referrals, clamp(0.72 + 0.15 * rng.normal(), 0.05, 0.99));
  return {
    waitDays: rng.chance(0.8) ? metric(wait, referrals) : null,
    rating: rng.chance(0.85) ? metric(Math.round(rating * 10) / 10, reviews) : null,
    loopClosureRate: rng.chance(0.75)
      ? metric(Math.round((closed / referrals) * 1000) / 1000, referrals)
      : null,
  };
}
