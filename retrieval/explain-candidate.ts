import type {
  Candidate,
  CandidateChecks,
  DirectoryProfile,
  PositionPrecision,
} from '../src/domain/index.js';
import { whyTierFailed } from './explain-no-match.js';
import { factSource } from './fact-source.js';
import { closureSentence, outcomeReasons } from './observed-outcomes.js';
import type { qualification, RankContext } from './rank-context.js';

const km = (x: number) => `${Math.round(x * 10) / 10} km`;
const APPROXIMATE: Record<PositionPrecision, string | null> = {
  exact: null,
  'postal-code': 'ZIP centroid',
  'postal-prefix': 'ZIP-prefix centroid',
};
/** `12.3 km`, or `about 12.3 km` when the location's position is a ZIP centroid. */
const distance = (x: number, precision: PositionPrecision) =>
  `${APPROXIMATE[precision] ? 'about ' : ''}${km(x)}`;
const withSource = (text: string, source: string | null) => (source ? `${text} (${source})` : text);

/** "for diabetic retinopathy (E11.3393)", when the plan says which condition the specialty serves. */
function serves(q: NonNullable<ReturnType<typeof qualification>>): string {
  const { condition, evidence } = q.specialty;
  if (!condition) return '';
  return ` for ${condition}${evidence && evidence !== condition ? ` (${evidence})` : ''}`;
}

/** The checks and facts behind a candidate, one short line each (no PHI: directory facts only). */
export function reasonsFor(i: {
  profile: DirectoryProfile;
  checks: CandidateChecks;
  distanceKm: number;
  /** Of the chosen location; absent means exact. */
  precision?: PositionPrecision | undefined;
  ctx: RankContext;
  q: ReturnType<typeof qualification>;
  accepting: boolean | null;
}): string[] {
  const { profile: p, checks, ctx, q } = i;
  const precision = i.precision ?? 'exact';
  const notes = [
    APPROXIMATE[precision],
    checks.withinDistance ? null : `beyond ${ctx.radiusKm} km`,
  ].filter((n) => n !== null);
  const wanted = ctx.specialties[0]?.label ?? 'the requested specialty';
  const m = p.metrics;
  const own = ctx.outcomes?.get(p.npi);
  const fallback = ctx.tier === 'fallback';
  return [
    !q
      ? `Not a ${wanted.toLowerCase()}`
      : fallback
        ? `${q.specialty.label} (${q.taxonomy})${serves(q)}: an acceptable fallback, ${ctx.tried?.map((t) => whyTierFailed(t, ctx.radiusKm)).join('; ') ?? 'no preferred specialist eligible'}`
        : q.rank === 0
          ? `${q.specialty.label} (${q.taxonomy})${serves(q)}, the best fit for this referral`
          : `${q.specialty.label} (${q.taxonomy})${serves(q)}; a ${wanted.toLowerCase()} would fit better`,
    checks.inNetwork
      ? withSource(
          `In network for the patient's plan (${p.networkIds.filter((n) => ctx.networkIds.includes(n)).join(', ')})`,
          factSource(p, 'networks'),
        )
      : "Not in network for the patient's plan",
    `${distance(i.distanceKm, precision)} from the patient${notes.length ? ` (${notes.join('; ')})` : ''}`,
    withSource(
      i.accepting === null
        ? 'Accepting new patients: not stated'
        : i.accepting
          ? 'Accepting new patients'
          : 'Not accepting new patients',
      factSource(p, 'acceptance'),
    ),
    m.waitDays
      ? `Next availability in about ${Math.round(m.waitDays.value)} days`
      : 'Wait time unknown',
    checks.speaksPatientLanguage
      ? `Speaks the patient's language (${ctx.language})`
      : `No listed ${ctx.language} speaker; interpreter needed`,
    m.rating
      ? `Rated ${m.rating.value.toFixed(1)}/5 (${m.rating.count ?? '?'} reviews)`
      : 'No rating on file',
    closureSentence(own) ??
      (m.loopClosureRate
        ? `Closes the loop on ${Math.round(m.loopClosureRate.value * 100)}% of referrals (${m.loopClosureRate.count ?? '?'})`
        : 'Loop-closure rate unknown'),
    ...outcomeReasons(own),
    ...(checks.reachable ? [] : ['No delivery channel in the directory']),
  ];
}

/**
 * One sentence: the tier, what qualifies or disqualifies the candidate, its strongest points, and
 * where the network fact came from.
 */
export function explain(
  c: Omit<Candidate, 'explanation'>,
  ctx: RankContext,
  precision: PositionPrecision = 'exact',
  networkSource: string | null = null,
): string {
  if (!c.isValid) {
    const failed = (Object.keys(c.checks) as (keyof CandidateChecks)[]).filter(
      (k) => !c.checks[k] && k !== 'speaksPatientLanguage',
    );
    return `Not eligible: ${failed.map((f) => f.replace(/[A-Z]/g, (x) => ` ${x.toLowerCase()}`)).join(', ')} failed.`;
  }
  const top = [...c.factors]
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 2)
    .map((f) => f.name.replace('_', ' '));
  const approximate = APPROXIMATE[precision] ? ` (${APPROXIMATE[precision]})` : '';
  const tier =
    ctx.tier === 'fallback' && ctx.tried && ctx.tried.length > 0
      ? `Fallback: ${ctx.tried.map((t) => whyTierFailed(t, ctx.radiusKm)).join('; ')}. `
      : '';
  const network = networkSource ? `in network (${networkSource})` : 'in network';
  const closure = closureSentence(ctx.outcomes?.get(c.npi));
  return `${tier}${c.specialty ?? 'Specialist'} ${distance(c.distanceKm, precision)} away${approximate}, ${network}; strongest on ${top.join(' and ')} (score ${c.score}, ${ctx.urgency}).${closure ? ` ${closure}.` : ''}`;
}
