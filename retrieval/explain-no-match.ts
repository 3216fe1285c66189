import type { Candidate, TierAttempt, TierFailure } from '../src/domain/index.js';

export interface NoMatch {
  /** Plain language, no PHI: each tier tried and why it found no one, for the coordinator. */
  reason: string;
  /** The nearest ways out: in network but beyond the radius, then within it but out of network. */
  alternatives: Candidate[];
}

const byDistance = (a: Candidate, b: Candidate) =>
  a.distanceKm - b.distanceKm || a.npi.localeCompare(b.npi);

export function wanted(labels: readonly string[]): string {
  const lower = labels.map((l) => l.toLowerCase());
  return lower.length <= 1
    ? (lower[0] ?? 'specialist')
    : `${lower.slice(0, -1).join(', ')} or ${lower.at(-1)}`;
}

const WHY: Record<TierFailure, (who: string, km: number) => string> = {
  coverage_inactive: (who) =>
    `the patient's coverage is inactive, so no ${who} can be confirmed in network`,
  none_within_radius: (who, km) => `no ${who} within ${km} km`,
  none_in_network: (who, km) => `no in-network ${who} within ${km} km`,
  none_accepting: (who, km) => `no in-network ${who} within ${km} km open to new patients`,
  none_reachable: (who, km) =>
    `no in-network ${who} within ${km} km open to new patients has a delivery channel in the directory`,
  all_excluded: (who, km) =>
    `every eligible ${who} within ${km} km was excluded by an earlier decision`,
};

/** "no retina specialist within 80 km open to new patients" for one tier tried. */
export function whyTierFailed(attempt: TierAttempt, radiusKm: number): string {
  return WHY[attempt.failure](wanted(attempt.specialties), Math.round(radiusKm * 10) / 10);
}

/** Each tier tried, in order: "Preferred tier: …; fallback tier: …". */
export function describeAttempts(tried: readonly TierAttempt[], radiusKm: number): string {
  const parts = tried.map((t) => `${t.tier} tier: ${whyTierFailed(t, radiusKm)}`);
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Why no candidate passed every check, tier by tier, and the nearest alternatives, from the
 * candidates ranked within the radius (`near`) and those eligible over a wider search (`wide`).
 */
export function explainNoMatch(input: {
  tried: readonly TierAttempt[];
  radiusKm: number;
  near: readonly Candidate[];
  wide: readonly Candidate[];
}): NoMatch {
  const farInNetwork = input.wide
    .filter(
      (c) =>
        c.checks.specialtyMatches &&
        c.checks.inNetwork &&
        c.checks.acceptingNewPatients &&
        c.checks.reachable &&
        !c.checks.withinDistance,
    )
    .sort(byDistance)
    .slice(0, 1);
  const nearOutOfNetwork = input.near
    .filter(
      (c) =>
        c.checks.specialtyMatches &&
        c.checks.withinDistance &&
        !c.checks.inNetwork &&
        c.checks.acceptingNewPatients,
    )
    .sort(byDistance)
    .slice(0, 1);
  return {
    reason: describeAttempts(input.tried, input.radiusKm),
    alternatives: [...farInNetwork, ...nearOutOfNetwork],
  };
}
