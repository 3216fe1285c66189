import {
  type Candidate,
  type CandidateChecks,
  distanceKm,
  type GeoPoint,
  type RankingFactor,
  type SpecialistProfile,
  type SpecialtyMatch,
  type Urgency,
} from '../src/domain/index.js';

export interface RankContext {
  /** Acceptable specialties, most specific first: a match on an earlier one scores higher. */
  specialties: readonly SpecialtyMatch[];
  near: GeoPoint;
  radiusKm: number;
  language: string;
  /** Networks the patient's active plan pays in; empty when the coverage is inactive. */
  networkIds: readonly string[];
  urgency: Urgency;
  excludedNpis: readonly string[];
}

const MAX_WAIT_DAYS = 90;

function weights(urgency: Urgency): Record<RankingFactor['name'], number> {
  return urgency === 'routine'
    ? {
        specificity: 0.2,
        distance: 0.3,
        wait_time: 0.2,
        rating: 0.1,
        loop_closure: 0.1,
        language: 0.1,
      }
    : {
        specificity: 0.15,
        distance: 0.2,
        wait_time: 0.4,
        rating: 0.1,
        loop_closure: 0.05,
        language: 0.1,
      };
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The first acceptable specialty the profile qualifies as, with its rank in the list. */
function qualification(p: SpecialistProfile, specialties: readonly SpecialtyMatch[]) {
  for (const [rank, s] of specialties.entries()) {
    const taxonomy = p.taxonomyCodes.find((t) => s.taxonomies.includes(t));
    if (taxonomy) return { specialty: s, taxonomy, rank };
  }
  return null;
}

function reasonsFor(
  p: SpecialistProfile,
  checks: CandidateChecks,
  km: number,
  ctx: RankContext,
  q: ReturnType<typeof qualification>,
) {
  const wanted = ctx.specialties[0]?.label ?? 'the requested specialty';
  const reasons = [
    !q
      ? `Not a ${wanted}`
      : q.rank === 0
        ? `${q.specialty.label} (${q.taxonomy}), the best fit for this referral`
        : `${q.specialty.label} (${q.taxonomy}); a ${wanted} would fit better`,
    checks.inNetwork
      ? `In network for the patient's plan (${p.networkIds.filter((n) => ctx.networkIds.includes(n)).join(', ')})`
      : "Not in network for the patient's plan",
    `${round(km, 1)} km from the patient${checks.withinDistance ? '' : ` (beyond ${ctx.radiusKm} km)`}`,
    checks.acceptingNewPatients ? 'Accepting new patients' : 'Not accepting new patients',
    `Next availability in about ${p.waitDays} days`,
    checks.speaksPatientLanguage
      ? `Speaks the patient's language (${ctx.language})`
      : `No listed ${ctx.language} speaker; interpreter needed`,
    `Rated ${p.rating}/5; closes the loop on ${Math.round(p.loopClosureRate * 100)}% of referrals`,
  ];
  return reasons;
}

/**
 * Checks every business rule and scores each profile-location pair; valid candidates come first,
 * best score first. The ranking is a weighted sum whose terms are returned as `factors`.
 */
export function rankCandidates(
  profiles: readonly SpecialistProfile[],
  ctx: RankContext,
): Candidate[] {
  const w = weights(ctx.urgency);
  const candidates: Candidate[] = [];
  for (const p of profiles) {
    if (ctx.excludedNpis.includes(p.npi)) continue;
    const q = qualification(p, ctx.specialties);
    for (const loc of p.locations) {
      const km = distanceKm(ctx.near, loc.location);
      const checks: CandidateChecks = {
        specialtyMatches: q !== null,
        inNetwork: p.networkIds.some((n) => ctx.networkIds.includes(n)),
        acceptingNewPatients: p.acceptingNewPatients,
        withinDistance: km <= ctx.radiusKm,
        speaksPatientLanguage: p.languages.includes(ctx.language),
      };
      const values: Record<RankingFactor['name'], number> = {
        specificity: q ? 1 / (q.rank + 1) : 0,
        distance: Math.max(0, 1 - km / ctx.radiusKm),
        wait_time: 1 - Math.min(p.waitDays, MAX_WAIT_DAYS) / MAX_WAIT_DAYS,
        rating: p.rating / 5,
        loop_closure: p.loopClosureRate,
        language: checks.speaksPatientLanguage ? 1 : 0,
      };
      const factors = (Object.keys(values) as RankingFactor['name'][]).map((name) => ({
        name,
        value: round(values[name]),
        weight: w[name],
        contribution: round(values[name] * w[name]),
      }));
      candidates.push({
        candidateId: `${p.npi}@${loc.id}`,
        npi: p.npi,
        name: p.name,
        specialty: q?.specialty.label ?? null,
        taxonomy: q?.taxonomy ?? null,
        locationId: loc.id,
        locationName: loc.name,
        city: loc.address.city,
        distanceKm: round(km, 1),
        waitDays: p.waitDays,
        score: round(factors.reduce((sum, f) => sum + f.contribution, 0)),
        checks,
        isValid:
          checks.specialtyMatches &&
          checks.inNetwork &&
          checks.acceptingNewPatients &&
          checks.withinDistance,
        factors,
        reasons: reasonsFor(p, checks, km, ctx, q),
        delivery: p.delivery,
      });
    }
  }
  return candidates.sort(
    (a, b) =>
      Number(b.isValid) - Number(a.isValid) || b.score - a.score || a.npi.localeCompare(b.npi),
  );
}
