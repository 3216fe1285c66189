import { stringify } from 'csv-stringify/sync';
import {
  type AnalyticsFilter,
  type AnalyticsResults,
  type AnalyticsStore,
  type AnalyticsView,
  analyticsCsv,
  cycleTimesReport,
  exceptionsReport,
  FUNNEL_STEPS,
  funnelReport,
  leakageReport,
  llmFallbackReport,
  loopClosureReport,
  specialistsReport,
  volumeReport,
} from '../domain/index.js';

type Read<V extends AnalyticsView> = (
  analytics: AnalyticsStore,
  practiceId: string,
  filter: AnalyticsFilter,
) => Promise<AnalyticsResults[V]>;

const READERS: { [V in AnalyticsView]: Read<V> } = {
  volume: async (a, p, f) => volumeReport(await a.tally(p, f, 'day', ['created']), f),
  funnel: async (a, p, f) => funnelReport(await a.tally(p, f, 'all', FUNNEL_STEPS)),
  'cycle-times': async (a, p, f) => cycleTimesReport(await a.cycleTimes(p, f)),
  'loop-closure': async (a, p, f) =>
    loopClosureReport(await a.tally(p, f, 'specialty', ['created', 'sent', 'consulted'])),
  leakage: async (a, p, f) => {
    const counters = ['created', 'outOfNetwork', 'noInNetworkOption'] as const;
    const [bySpecialty, byPayer] = await Promise.all([
      a.tally(p, f, 'specialty', counters),
      a.tally(p, f, 'payer', counters),
    ]);
    return leakageReport(bySpecialty, byPayer);
  },
  specialists: async (a, p, f) => specialistsReport(await a.specialists(p, f)),
  exceptions: async (a, p, f) => exceptionsReport(await a.tally(p, f, 'exception', ['created'])),
  'llm-fallback': async (a, p, f) =>
    llmFallbackReport(await a.tally(p, f, 'day', ['llmAttempts', 'llmFallbacks']), f),
};

/** One analytics view of the practice's referrals that pass the filter. */
export function readAnalytics<V extends AnalyticsView>(
  analytics: AnalyticsStore,
  practiceId: string,
  view: V,
  filter: AnalyticsFilter,
): Promise<AnalyticsResults[V]> {
  return READERS[view](analytics, practiceId, filter);
}

/**
 * A report as a CSV attachment: `volume-2026-01-01-2026-03-31.csv`, or `earliest`/`latest` for
 * an open bound.
 */
export function analyticsCsvDownload<V extends AnalyticsView>(
  view: V,
  filter: AnalyticsFilter,
  result: AnalyticsResults[V],
): { body: string; headers: Record<string, string> } {
  const name = `${view}-${filter.from ?? 'earliest'}-${filter.to ?? 'latest'}.csv`;
  return {
    body: stringify(analyticsCsv(view, result)),
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    },
  };
}
