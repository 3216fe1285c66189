import type { Metric } from '../src/domain/index.js';

/**
 * Pulls a metric toward a prior when it rests on few observations (a Bayesian average):
 * `(count·value + weight·prior) / (count + weight)`. Unknown metrics take the prior.
 */
export function smoothed(metric: Metric | null, o: { prior: number; weight: number }) {
  if (!metric) return { value: o.prior, isSmoothed: true };
  if (metric.count === null) return { value: metric.value, isSmoothed: false };
  return {
    value: (metric.count * metric.value + o.weight * o.prior) / (metric.count + o.weight),
    isSmoothed: true,
  };
}
