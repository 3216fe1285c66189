import {
  type Candidate,
  type CandidateChecks,
  deliveryOf,
  type IndexHit,
} from '../src/domain/index.js';
import { explain, reasonsFor } from './explain-candidate.js';
import { factSource } from './fact-source.js';
import { loopClosureFactor, waitFactor } from './observed-outcomes.js';
import { officeContactOf } from './office-contact.js';
import { type FactorName, qualification, type RankContext } from './rank-context.js';
import { smoothed } from './smoothing.js';

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function factorValues(hit: IndexHit, ctx: RankContext, q: ReturnType<typeof qualification>) {
  const m = hit.profile.metrics;
  const own = ctx.outcomes?.get(hit.profile.npi);
  const rating = smoothed(m.rating, { prior: 4, weight: 10 });
  const metricSource = (x: { source: string; asOf: string } | null) =>
    x ? `${x.source} ${x.asOf}` : 'unknown: neutral';
  return {
    specificity: { value: q ? 1 / (q.rank + 1) : 0, source: 'taxonomy match' },
    distance: {
      value: Math.max(0, 1 - hit.distanceKm / ctx.radiusKm),
      source: 'directory location',
    },
    wait_time: waitFactor(m.waitDays, own),
    rating: {
      value: rating.value / 5,
      source: `${metricSource(m.rating)}${rating.isSmoothed ? ', smoothed' : ''}`,
    },
    loop_closure: loopClosureFactor(m.loopClosureRate, own),
    language: {
      value: hit.profile.languages.includes(ctx.language) ? 1 : 0,
      source: 'directory languages',
    },
    text_relevance: { value: Math.min(1, hit.textScore), source: 'lexical match with the reason' },
  } satisfies Record<FactorName, { value: number; source: string }>;
}

/** One hit → one candidate: every hard constraint checked, every score term with its source. */
function toCandidate(hit: IndexHit, ctx: RankContext): Candidate {
  const p = hit.profile;
  const location = p.locations.find((l) => l.id === hit.locationId);
  const q = qualification(p, ctx.specialties);
  const accepting = location?.acceptingNewPatients ?? p.acceptingNewPatients;
  const send = deliveryOf(p, location?.fax ?? null);
  const checks: CandidateChecks = {
    specialtyMatches: q !== null,
    inNetwork: p.networkIds.some((n) => ctx.networkIds.includes(n)),
    acceptingNewPatients: accepting !== false,
    withinDistance: hit.distanceKm <= ctx.radiusKm,
    speaksPatientLanguage: p.languages.includes(ctx.language),
    reachable: send !== null,
  };
  const w = ctx.urgency === 'routine' ? ctx.weights.routine : ctx.weights.urgent;
  const values = factorValues(hit, ctx, q);
  const factors = (Object.keys(values) as FactorName[]).map((name) => ({
    name,
    value: round(values[name].value),
    weight: w[name],
    contribution: round(values[name].value * w[name]),
    source: values[name].source,
  }));
  const isValid =
    checks.specialtyMatches &&
    checks.inNetwork &&
    checks.acceptingNewPatients &&
    checks.withinDistance &&
    checks.reachable;
  const candidate = {
    candidateId: `${p.npi}@${hit.locationId}`,
    npi: p.npi,
    name: p.name,
    specialty: q?.specialty.label ?? null,
    taxonomy: q?.taxonomy ?? null,
    networkIds: [...p.networkIds],
    locationId: hit.locationId,
    locationName: location?.name ?? hit.locationId,
    city: location?.city ?? 'unknown',
    distanceKm: round(hit.distanceKm, 1),
    waitDays: p.metrics.waitDays?.value ?? null,
    score: round(factors.reduce((sum, f) => sum + f.contribution, 0)),
    checks,
    isValid,
    factors,
    reasons: reasonsFor({
      profile: p,
      checks,
      distanceKm: hit.distanceKm,
      precision: location?.positionPrecision,
      ctx,
      q,
      accepting,
    }),
    explanation: '',
    delivery: send,
    contact: officeContactOf(location),
  };
  return {
    ...candidate,
    explanation: explain(candidate, ctx, location?.positionPrecision, factSource(p, 'networks')),
  };
}

/**
 * Ranks index hits: valid candidates first, then by score; ties break on distance, NPI and
 * location, so the same input always gives the same order.
 */
export function rankHits(hits: readonly IndexHit[], ctx: RankContext): Candidate[] {
  return hits
    .filter((h) => !ctx.excludedNpis.includes(h.profile.npi))
    .map((h) => toCandidate(h, ctx))
    .sort(
      (a, b) =>
        Number(b.isValid) - Number(a.isValid) ||
        b.score - a.score ||
        a.distanceKm - b.distanceKm ||
        a.npi.localeCompare(b.npi) ||
        a.locationId.localeCompare(b.locationId),
    );
}
