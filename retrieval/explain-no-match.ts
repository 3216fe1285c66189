import type { Candidate, SpecialtyMatch } from '../src/domain/index.js';

export interface NoMatch {
  /** Plain language, no PHI: what was missing, for the coordinator. */
  reason: string;
  /** The nearest ways out: in network but beyond the radius, then within it but out of network. */
  alternatives: Candidate[];
}

const byDistance = (a: Candidate, b: Candidate) =>
  a.distanceKm - b.distanceKm || a.npi.localeCompare(b.npi);

function wanted(specialties: readonly SpecialtyMatch[]): string {
  const labels = specialties.map((s) => s.label.toLowerCase());
  return labels.length <= 1
    ? (labels[0] ?? 'specialist')
    : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

/**
 * Why no candidate passed every check, and the nearest alternatives, from the candidates ranked
 * within the radius (`near`) and those ranked over a wider search (`wide`).
 */
export function explainNoMatch(input: {
  specialties: readonly SpecialtyMatch[];
  radiusKm: number;
  coverageActive: boolean;
  near: readonly Candidate[];
  wide: readonly Candidate[];
}): NoMatch {
  const who = wanted(input.specialties);
  const qualified = input.near.filter((c) => c.checks.specialtyMatches && c.checks.withinDistance);
  const reason = !input.coverageActive
    ? `The patient's coverage is inactive, so no ${who} can be confirmed in network`
    : qualified.length === 0
      ? `No ${who} within ${input.radiusKm} km`
      : !qualified.some((c) => c.checks.inNetwork)
        ? `No in-network ${who} within ${input.radiusKm} km`
        : `No in-network ${who} accepting new patients within ${input.radiusKm} km`;
  const farInNetwork = input.wide
    .filter(
      (c) =>
        c.checks.specialtyMatches &&
        c.checks.inNetwork &&
        c.checks.acceptingNewPatients &&
        !c.checks.withinDistance,
    )
    .sort(byDistance)
    .slice(0, 1);
  const nearOutOfNetwork = qualified
    .filter((c) => !c.checks.inNetwork && c.checks.acceptingNewPatients)
    .sort(byDistance)
    .slice(0, 1);
  return { reason, alternatives: [...farInNetwork, ...nearOutOfNetwork] };
}
