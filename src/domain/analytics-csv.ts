import type { AnalyticsView } from './analytics.js';
import type { AnalyticsResults, LeakageGroup, Ratio } from './analytics-results.js';

type Cell = string | number | null;

const text = (values: readonly Cell[]) => values.map((v) => (v === null ? '' : String(v)));
const countOfRate = (r: Ratio): Cell[] => [r.count, r.of, r.rate];
const countRate = (r: Ratio): Cell[] => [r.count, r.rate];

const leakageRow = (grouping: string, g: Omit<LeakageGroup, 'key' | 'label'>, group: Cell[]) => [
  grouping,
  ...group,
  g.created,
  ...countRate(g.outOfNetwork),
  ...countRate(g.noInNetworkOption),
];

const CSV: { [V in AnalyticsView]: (result: AnalyticsResults[V]) => Cell[][] } = {
  volume: (r) => [
    ['week', 'week_start', 'created'],
    ...r.weeks.map((w) => [w.week, w.weekStart, w.created]),
  ],
  funnel: (r) => [
    ['step', 'count', 'share_of_created'],
    ...r.steps.map((s) => [s.step, s.count, s.shareOfCreated]),
  ],
  'cycle-times': (r) => [
    ['interval', 'n', 'median_hours', 'p90_hours'],
    ...r.intervals.map((i) => [i.interval, i.n, i.medianHours, i.p90Hours]),
  ],
  'loop-closure': (r) => [
    ['grouping', 'key', 'label', 'consult_received', 'sent', 'closure_rate'],
    ['total', null, null, ...countOfRate(r.overall)],
    ...r.bySpecialty.map((g) => ['specialty', g.key, g.label, ...countOfRate(g.closure)]),
  ],
  leakage: (r) => [
    [
      'grouping',
      'key',
      'label',
      'created',
      'out_of_network',
      'out_of_network_rate',
      'no_in_network_option',
      'no_in_network_option_rate',
    ],
    leakageRow('total', r, [null, null]),
    ...r.bySpecialty.map((g) => leakageRow('specialty', g, [g.key, g.label])),
    ...r.byPayer.map((g) => leakageRow('payer', g, [g.key, g.label])),
  ],
  specialists: (r) => [
    [
      'npi',
      'sent',
      'answered',
      'answer_rate',
      'median_hours_to_acknowledge',
      'median_days_to_appointment',
      'no_shows',
      'with_appointment',
      'no_show_rate',
      'declines',
      'decline_rate',
      'consult_received',
      'loops_ended',
      'loop_closure_rate',
    ],
    ...r.specialists.map((s) => [
      s.npi,
      s.sent,
      ...countRate(s.answered),
      s.medianHoursToAcknowledge,
      s.medianDaysToAppointment,
      ...countOfRate(s.noShows),
      ...countRate(s.declines),
      ...countOfRate(s.loopClosure),
    ]),
  ],
  exceptions: (r) => [['reason', 'count'], ...r.reasons.map((e) => [e.reason, e.count])],
  'llm-fallback': (r) => [
    ['week', 'week_start', 'fallbacks', 'llm_attempts', 'fallback_rate'],
    ['total', null, ...countOfRate(r.overall)],
    ...r.weeks.map((w) => [w.week, w.weekStart, ...countOfRate(w.fallbacks)]),
  ],
};

/** A view's result as CSV rows, the header row first; empty cells for nulls. */
export function analyticsCsv<V extends AnalyticsView>(
  view: V,
  result: AnalyticsResults[V],
): string[][] {
  return CSV[view](result).map(text);
}
