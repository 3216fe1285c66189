/**
 * How large a shift sampling alone makes likely, so small windows do not raise alarms: a drift
 * check alerts on a move only when it exceeds both the practical threshold and this floor.
 */

/**
 * The quantile of χ² with `k` degrees of freedom at the standard normal quantile `z`
 * (Wilson–Hilferty; within about 1% for k ≥ 2 at upper quantiles). z = 2.326: the 99th percentile.
 */
export function chiSquareQuantile(k: number, z: number): number {
  if (k <= 0) return 0;
  const s = Math.sqrt(2 / (9 * k));
  return k * (1 - s * s + z * s) ** 3;
}

/**
 * The PSI two samples of `nBase` and `nCur` from one distribution over `categories` still exceed
 * with the one-sided probability of `z`: PSI · nBase·nCur/(nBase+nCur) is approximately χ² with
 * categories − 1 degrees of freedom (PSI is the symmetric Kullback–Leibler divergence, whose
 * second-order term is the two-sample χ² statistic).
 */
export function psiNoiseFloor(categories: number, nBase: number, nCur: number, z: number): number {
  if (nBase <= 0 || nCur <= 0) return Number.POSITIVE_INFINITY;
  return chiSquareQuantile(categories - 1, z) * (1 / nBase + 1 / nCur);
}

/** `z` standard errors of the difference of two rates under one pooled rate (two-proportion test). */
export function rateNoiseFloor(
  base: { num: number; den: number },
  cur: { num: number; den: number },
  z: number,
): number {
  if (base.den <= 0 || cur.den <= 0) return Number.POSITIVE_INFINITY;
  const pooled = (base.num + cur.num) / (base.den + cur.den);
  return z * Math.sqrt(pooled * (1 - pooled) * (1 / base.den + 1 / cur.den));
}
