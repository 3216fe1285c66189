import type { Histogram, Table } from '../core/suite.js';
import { type Finding, type FindingGroup, type FindingSpec, finding, fmt3 } from './finding.js';
import { psiNoiseFloor, rateNoiseFloor } from './noise-floor.js';
import { binCounts, type Counts, psiTerms } from './psi.js';
import { DISTANCE_EDGES_KM, type DriftThresholds } from './thresholds.js';
import type { WindowRecords } from './window-records.js';

export interface RatePart {
  num: number;
  den: number;
}

/** A labelled pair of windows, for the alerts' wording. */
export interface WindowNames {
  baseline: string;
  current: string;
}

const rateOf = (p: RatePart | null) => (p === null || p.den <= 0 ? null : p.num / p.den);

/**
 * The move of a rate from the baseline window to the current one (current − baseline). It alerts
 * past ±max(`minMove`, the noise floor): a practical size and more than sampling would explain.
 */
export function rateShift(
  spec: FindingSpec,
  base: RatePart | null,
  cur: RatePart | null,
  minMove: number,
  z: number,
  names: WindowNames,
): Finding & { row: Table['rows'][number] } {
  const b = rateOf(base);
  const c = rateOf(cur);
  const delta = b === null || c === null ? null : c - b;
  const bound =
    base && cur && delta !== null ? Math.max(minMove, rateNoiseFloor(base, cur, z)) : null;
  const f = finding(
    spec,
    delta,
    (base?.den ?? 0) + (cur?.den ?? 0),
    bound === null ? {} : { gate: { min: -bound, max: bound } },
    (d) =>
      `${spec.label} moved ${d > 0 ? '+' : ''}${fmt3(d)} (${fmt3(b ?? 0)} in ${names.baseline}, ` +
      `n=${base?.den} → ${fmt3(c ?? 0)} in ${names.current}, n=${cur?.den}); alert bound ±${fmt3(bound ?? 0)}`,
  );
  const row = [spec.label, b, base?.den ?? 0, c, cur?.den ?? 0, delta, bound];
  return { ...f, row };
}

/**
 * The PSI of a distribution between the windows. It alerts past max(`psiAlert`, the noise floor)
 * and warns past max(`psiWarn`, the noise floor).
 */
export function distributionShift(
  spec: FindingSpec,
  base: Counts,
  cur: Counts,
  t: Pick<DriftThresholds, 'psiAlert' | 'psiWarn' | 'psiEpsilon' | 'noiseZ'>,
  names: WindowNames,
): Finding & { table: Table } {
  const terms = psiTerms(base, cur, t.psiEpsilon);
  const total = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);
  const [nBase, nCur] = [total(base), total(cur)];
  const value = terms === null ? null : terms.reduce((s, x) => s + x.term, 0);
  const seen = (terms ?? []).filter((x) => (base[x.category] ?? 0) + (cur[x.category] ?? 0) > 0);
  const floor = terms === null ? 0 : psiNoiseFloor(seen.length, nBase, nCur, t.noiseZ);
  const alertAt = Math.max(t.psiAlert, floor);
  const f = finding(
    spec,
    value,
    nBase + nCur,
    { gate: { max: alertAt }, threshold: { max: Math.max(t.psiWarn, floor) } },
    (v) =>
      `${spec.label}: PSI ${fmt3(v)} over ${fmt3(alertAt)} (${names.baseline}: ${nBase} ` +
      `referrals, ${names.current}: ${nCur}); most moved: ${mostMoved(terms ?? [])}`,
  );
  const table: Table = {
    title: `${spec.label}: baseline ${names.baseline} vs current ${names.current}`,
    columns: ['category', 'baseline n', 'baseline share', 'current n', 'current share', 'PSI term'],
    rows: (terms ?? []).map((x) => [
      x.category,
      base[x.category] ?? 0,
      x.baseline,
      cur[x.category] ?? 0,
      x.current,
      x.term,
    ]),
  };
  return { ...f, table };
}

function mostMoved(
  terms: ReadonlyArray<{ category: string; baseline: number; current: number; term: number }>,
) {
  return terms
    .filter((x) => x.term > 0)
    .sort((a, b) => b.term - a.term)
    .slice(0, 3)
    .map((x) => `${x.category} ${fmt3(x.baseline)}→${fmt3(x.current)}`)
    .join(', ');
}

/** Recommendation drift between two windows of the service's own records. */
export function recommendationDrift(
  base: WindowRecords,
  cur: WindowRecords,
  t: DriftThresholds,
  names: WindowNames,
): FindingGroup & { histograms: Histogram[] } {
  const specialty = distributionShift(
    { id: 'specialty-mix.psi', label: 'Specialty mix', better: 'lower', unit: 'score' },
    base.specialties,
    cur.specialties,
    t,
    names,
  );
  const distance = distributionShift(
    {
      id: 'recommended-distance.psi',
      label: 'Recommended distance (km bins)',
      better: 'lower',
      unit: 'score',
    },
    binCounts(base.distancesKm, DISTANCE_EDGES_KM),
    binCounts(cur.distancesKm, DISTANCE_EDGES_KM),
    t,
    names,
  );
  const z = t.noiseZ;
  const rates = [
    rateShift(
      {
        id: 'in-network-rate.delta',
        label: 'In-network rate of sent referrals',
        better: 'higher',
        unit: 'ratio',
      },
      { num: base.inNetworkSent, den: base.sent },
      { num: cur.inNetworkSent, den: cur.sent },
      t.inNetworkRate,
      z,
      names,
    ),
    rateShift(
      { id: 'exception-rate.delta', label: 'Exception rate', better: 'lower', unit: 'ratio' },
      { num: base.exceptions, den: base.created },
      { num: cur.exceptions, den: cur.created },
      t.exceptionRate,
      z,
      names,
    ),
    rateShift(
      {
        id: 'llm-fallback-rate.delta',
        label: 'LLM fallback rate (of LLM steps)',
        better: 'lower',
        unit: 'ratio',
      },
      { num: base.llmFallbacks, den: base.llmAttempts },
      { num: cur.llmFallbacks, den: cur.llmAttempts },
      t.llmFallbackRate,
      z,
      names,
    ),
    rateShift(
      {
        id: 'llm-rules-agreement.delta',
        label: 'LLM-versus-rules agreement',
        better: 'higher',
        unit: 'ratio',
      },
      base.agreement && { num: base.agreement.agreed, den: base.agreement.compared },
      cur.agreement && { num: cur.agreement.agreed, den: cur.agreement.compared },
      t.llmAgreement,
      z,
      names,
    ),
  ];
  return {
    findings: [specialty, distance, ...rates],
    tables: [
      {
        title: `Rates: baseline ${names.baseline} vs current ${names.current}`,
        columns: [
          'rate',
          'baseline',
          'baseline n',
          'current',
          'current n',
          'change',
          'alert bound ±',
        ],
        rows: rates.map((r) => r.row),
      },
      specialty.table,
      distance.table,
    ],
    histograms: [
      {
        title: `Recommended distance, baseline ${names.baseline}`,
        unit: 'km',
        values: base.distancesKm,
      },
      {
        title: `Recommended distance, current ${names.current}`,
        unit: 'km',
        values: cur.distancesKm,
      },
    ],
    notes: recordNotes(base, cur, t),
  };
}

function recordNotes(base: WindowRecords, cur: WindowRecords, t: DriftThresholds): string[] {
  const notes = [
    `Distributions are compared by PSI and alert past ${t.psiAlert} (or past what sampling alone would give ` +
      'windows this small, whichever is larger); rates by their change, alerting past a practical ' +
      'size and sampling noise both. The bounds used are in each metric’s gate.',
    'The in-network rate counts sent referrals; a sent referral with no network status recorded ' +
      'counts as in network. The exception rate counts referrals that met an exception at any point.',
  ];
  if (base.agreement === null || cur.agreement === null) {
    notes.push(
      'LLM-versus-rules agreement is not recorded: when the LLM answers a step the rules are not ' +
        'run, and `llm.called` audit rows and agent runs keep only the outcome (accepted, or why the ' +
        'rules decided). It is reported as null.',
    );
  }
  if (base.llmAttempts === 0 || cur.llmAttempts === 0) {
    notes.push('No LLM steps in one of the windows (rules only): the fallback rate is not judged.');
  }
  const unread = base.distanceUnread + cur.distanceUnread;
  if (unread > 0) {
    notes.push(`${unread} referrals had no graph state to read the recommended distance from.`);
  }
  notes.push(
    `Recommended distances are read from the graph's state (no table records them): ` +
      `${base.distancesKm.length} baseline and ${cur.distancesKm.length} current referrals have one.`,
  );
  return notes;
}
