import {
  type AnalyticsFilter,
  CYCLE_INTERVALS,
  type CycleInterval,
  DAY_MS,
  type DurationQuantiles,
  type SpecialistTally,
  type Tally,
  type TallyCounter,
} from './analytics.js';
import { foldWeeks, HOUR_MS, inUnits, isoWeekOf, medianDuration, ratio } from './analytics-math.js';
import {
  type CycleTimesResult,
  type ExceptionsResult,
  FUNNEL_STEPS,
  type FunnelResult,
  type FunnelStep,
  type LeakageGroup,
  type LeakageResult,
  type LlmFallbackResult,
  type LoopClosureResult,
  type SpecialistsResult,
  type VolumeResult,
} from './analytics-results.js';

const sum = <C extends TallyCounter>(tallies: ReadonlyArray<Tally<C>>, counter: C) =>
  tallies.reduce((n, t) => n + t[counter], 0);

/** Largest group first; ties by key, unknown last. */
const byCreated = (a: Tally<'created'>, b: Tally<'created'>) =>
  b.created - a.created || (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key));

/** Every ISO week of the filter's range (of the data's, when open), its days' values folded. */
function weekly<C extends TallyCounter, T>(
  byDay: ReadonlyArray<Tally<C>>,
  filter: AnalyticsFilter,
  pick: (t: Tally<C>) => T,
  combine: (a: T, b: T) => T,
  empty: T,
) {
  const days = byDay.flatMap((t) => (t.key === null ? [] : [{ date: t.key, value: pick(t) }]));
  return foldWeeks(days, combine, empty, { first: filter.from, last: filter.to }).map(
    ({ weekStart, value }) => ({ week: isoWeekOf(weekStart), weekStart, value }),
  );
}

export function volumeReport(
  byDay: ReadonlyArray<Tally<'created'>>,
  filter: AnalyticsFilter,
): VolumeResult {
  return {
    total: sum(byDay, 'created'),
    weeks: weekly(
      byDay,
      filter,
      (t) => t.created,
      (a, b) => a + b,
      0,
    ).map(({ week, weekStart, value }) => ({ week, weekStart, created: value })),
  };
}

export function funnelReport(tallies: ReadonlyArray<Tally<FunnelStep>>): FunnelResult {
  const created = sum(tallies, 'created');
  return {
    steps: FUNNEL_STEPS.map((step) => {
      const count = sum(tallies, step);
      return { step, count, shareOfCreated: ratio(count, created).rate };
    }),
  };
}

export function cycleTimesReport(
  quantiles: Record<CycleInterval, DurationQuantiles>,
): CycleTimesResult {
  return {
    intervals: CYCLE_INTERVALS.map((interval) => {
      const { n, p50Ms, p90Ms } = quantiles[interval];
      return {
        interval,
        n,
        medianHours: inUnits(p50Ms, HOUR_MS),
        p90Hours: inUnits(p90Ms, HOUR_MS),
      };
    }),
  };
}

export function loopClosureReport(
  bySpecialty: ReadonlyArray<Tally<'created' | 'sent' | 'consulted'>>,
): LoopClosureResult {
  return {
    overall: ratio(sum(bySpecialty, 'consulted'), sum(bySpecialty, 'sent')),
    bySpecialty: [...bySpecialty].sort(byCreated).map((t) => ({
      key: t.key,
      label: t.label,
      closure: ratio(t.consulted, t.sent),
    })),
  };
}

function leakageOf(created: number, outOfNetwork: number, noInNetworkOption: number) {
  return {
    created,
    outOfNetwork: ratio(outOfNetwork, created),
    noInNetworkOption: ratio(noInNetworkOption, created),
  };
}

type LeakageTally = Tally<'created' | 'outOfNetwork' | 'noInNetworkOption'>;

const leakageGroups = (groups: readonly LeakageTally[]): LeakageGroup[] =>
  [...groups].sort(byCreated).map((t) => ({
    key: t.key,
    label: t.label,
    ...leakageOf(t.created, t.outOfNetwork, t.noInNetworkOption),
  }));

/** Both groupings partition the same referrals: the totals are the specialties' sums. */
export function leakageReport(
  bySpecialty: readonly LeakageTally[],
  byPayer: readonly LeakageTally[],
): LeakageResult {
  return {
    ...leakageOf(
      sum(bySpecialty, 'created'),
      sum(bySpecialty, 'outOfNetwork'),
      sum(bySpecialty, 'noInNetworkOption'),
    ),
    bySpecialty: leakageGroups(bySpecialty),
    byPayer: leakageGroups(byPayer),
  };
}

/** Most referrals sent first, ties by NPI. */
export function specialistsReport(tallies: readonly SpecialistTally[]): SpecialistsResult {
  return {
    specialists: tallies
      .filter((t) => t.sent > 0)
      .sort((a, b) => b.sent - a.sent || a.npi.localeCompare(b.npi))
      .map((t) => ({
        npi: t.npi,
        sent: t.sent,
        answered: ratio(t.msToAnswer.length, t.sent),
        medianHoursToAcknowledge: medianDuration(t.msToAnswer, HOUR_MS),
        medianDaysToAppointment: medianDuration(t.msToAppointment, DAY_MS),
        noShows: ratio(t.noShows, t.withAppointment),
        declines: ratio(t.declined, t.sent),
        loopClosure: ratio(t.consulted, t.ended),
      })),
  };
}

export function exceptionsReport(byReason: ReadonlyArray<Tally<'created'>>): ExceptionsResult {
  const reasons = byReason
    .flatMap((t) => (t.key === null ? [] : [{ reason: t.key, count: t.created }]))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { total: reasons.reduce((n, r) => n + r.count, 0), reasons };
}

export function llmFallbackReport(
  byDay: ReadonlyArray<Tally<'llmAttempts' | 'llmFallbacks'>>,
  filter: AnalyticsFilter,
): LlmFallbackResult {
  return {
    overall: ratio(sum(byDay, 'llmFallbacks'), sum(byDay, 'llmAttempts')),
    weeks: weekly(
      byDay,
      filter,
      (t) => [t.llmFallbacks, t.llmAttempts] as const,
      (a, b) => [a[0] + b[0], a[1] + b[1]] as const,
      [0, 0] as const,
    ).map(({ week, weekStart, value: [fallbacks, attempts] }) => ({
      week,
      weekStart,
      fallbacks: ratio(fallbacks, attempts),
    })),
  };
}
