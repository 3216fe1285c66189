import { bootstrapCi } from '../core/metrics.js';
import type { Table } from '../core/suite.js';
import { type FourFifthsRow, fourFifths } from './four-fifths.js';
import { type GroupAttribute, NEAR_MILES, type ReferralOutcome } from './referral-outcome.js';

export const SOON_DAYS = 30;

/** One outcome: its per-referral value, and what makes it favourable (a rate, for four fifths). */
export interface OutcomeSpec {
  id: 'distance' | 'wait' | 'in-network' | 'exception';
  label: string;
  favourableLabel: string;
  /** Whether the referral counts for this outcome at all. */
  counts(o: ReferralOutcome): boolean;
  value(o: ReferralOutcome): number | null;
  favourable(o: ReferralOutcome): boolean;
}

export const OUTCOMES: readonly OutcomeSpec[] = [
  {
    id: 'distance',
    label: 'distance to the first option (miles)',
    favourableLabel: `an option within ${NEAR_MILES} miles`,
    counts: () => true,
    value: (o) => o.firstMiles,
    favourable: (o) => o.firstMiles !== null && o.firstMiles <= NEAR_MILES,
  },
  {
    id: 'wait',
    label: 'wait at the recommended specialist (days)',
    favourableLabel: `listed wait within ${SOON_DAYS} days`,
    counts: (o) => o.waitDays !== null,
    value: (o) => o.waitDays,
    favourable: (o) => o.waitDays !== null && o.waitDays <= SOON_DAYS,
  },
  {
    id: 'in-network',
    label: 'first option shown in network, any distance (rate)',
    favourableLabel: 'first option in network',
    counts: () => true,
    value: (o) => (o.inNetwork ? 1 : 0),
    favourable: (o) => o.inNetwork,
  },
  {
    id: 'exception',
    label: 'exception rate (a coordinator must step in)',
    favourableLabel: 'matched without an exception',
    counts: () => true,
    value: (o) => (o.exception ? 1 : 0),
    favourable: (o) => !o.exception,
  },
];

/** One group's figures for one outcome. */
export interface GroupFigure extends FourFifthsRow {
  outcome: OutcomeSpec['id'];
  value: number | null;
  ci: [number, number] | undefined;
  cases: ReferralOutcome[];
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** The groups of one attribute, in a stable order (largest first, then by name). */
export function groupsOf(outcomes: readonly ReferralOutcome[], attribute: GroupAttribute) {
  const groups = new Map<string, ReferralOutcome[]>();
  for (const o of outcomes) {
    const key = o.groups[attribute];
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.entries()].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  );
}

/** Each group's value (with its bootstrap interval), favourable rate and four-fifths ratio. */
export function groupFigures(
  outcomes: readonly ReferralOutcome[],
  attribute: GroupAttribute,
  seed: number,
): GroupFigure[] {
  const groups = groupsOf(outcomes, attribute);
  return OUTCOMES.flatMap((spec, s) => {
    const counted = groups.map(([group, list]) => ({ group, cases: list.filter(spec.counts) }));
    const rows = fourFifths(
      counted.map(({ group, cases }) => ({
        group,
        n: cases.length,
        favourable: cases.filter(spec.favourable).length,
      })),
    );
    return rows.map((row, g) => {
      const cases = (counted[g] as { cases: ReferralOutcome[] }).cases;
      const values = cases.map(spec.value).filter((v): v is number => v !== null);
      return {
        ...row,
        outcome: spec.id,
        value: mean(values),
        ci: bootstrapCi(values, mean, seed + 100 * s + g),
        cases,
      };
    });
  });
}

const round = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits;

export const GROUP_TABLE_COLUMNS = [
  'directory',
  'group',
  'outcome',
  'n',
  'value',
  'ci low',
  'ci high',
  'favourable',
  'favourable rate',
  'four-fifths ratio',
  'flag',
];

/** Table rows for one directory's figures of one attribute. */
export function groupTableRows(directory: string, figures: readonly GroupFigure[]): Table['rows'] {
  return figures.map((f) => {
    const spec = OUTCOMES.find((o) => o.id === f.outcome) as OutcomeSpec;
    return [
      directory,
      f.group,
      spec.label,
      f.n,
      round(f.value, 2),
      round(f.ci?.[0], 2),
      round(f.ci?.[1], 2),
      spec.favourableLabel,
      round(f.rate),
      round(f.ratio),
      f.adverse ? 'below 0.8' : f.compared ? '' : `n < 10: not compared`,
    ];
  });
}
