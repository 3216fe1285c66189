import type { AnalyticsStore } from '../../src/domain/index.js';
import { bootstrapCi } from '../core/metrics.js';
import type { Table } from '../core/suite.js';
import { type FourFifthsRow, fourFifths, lowestRatio } from './four-fifths.js';

/** The practice's recorded referrals (`referral_facts`), read through the analytics queries. */
export interface BiasAuditStore {
  practiceId: string;
  analytics: Pick<AnalyticsStore, 'tally' | 'cycleTimes'>;
}

export interface RecordedOutcomes {
  table: Table;
  /** In-network share of sent referrals, per payer, against the best payer. */
  inNetwork: FourFifthsRow[];
  lowest: number | null;
  referrals: number;
  notes: string[];
}

const HOUR_MS = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10);
const round = (x: number | null | undefined) =>
  x === null || x === undefined ? null : Math.round(x * 1000) / 1000;
const share = (xs: readonly boolean[]) =>
  xs.length === 0 ? null : xs.filter(Boolean).length / xs.length;

/**
 * What the records say per payer (the only group dimension they keep): time to review (median
 * and 90th percentile), and the in-network share of the referrals sent, with four-fifths ratios.
 */
export async function recordedOutcomes(
  store: BiasAuditStore,
  seed: number,
): Promise<RecordedOutcomes> {
  const tallies = await store.analytics.tally(store.practiceId, {}, 'payer', [
    'created',
    'reviewed',
    'sent',
    'outOfNetwork',
    'noInNetworkOption',
  ]);
  const payers = [...tallies].sort((a, b) => b.created - a.created);
  const reviews = await Promise.all(
    payers.map((t) =>
      t.key === null
        ? null
        : store.analytics
            .cycleTimes(store.practiceId, { payer: t.key })
            .then((c) => c['created-to-reviewed']),
    ),
  );
  const inNetwork = fourFifths(
    payers.map((t) => ({
      group: t.label ?? t.key ?? 'no payer recorded',
      n: t.sent,
      favourable: t.sent - t.outOfNetwork,
    })),
  );
  const bestReview = Math.min(...reviews.flatMap((r) => (r?.p50Ms && r.n >= 10 ? [r.p50Ms] : [])));
  const rows = payers.map((t, i) => {
    const review = reviews[i] ?? null;
    const sent = Array.from({ length: t.sent }, (_, k) => k < t.sent - t.outOfNetwork);
    const ci = bootstrapCi(sent, share, seed + i);
    const row = inNetwork[i] as FourFifthsRow;
    return [
      row.group,
      t.created,
      t.reviewed,
      review ? review.n : null,
      hours(review?.p50Ms ?? null),
      hours(review?.p90Ms ?? null),
      review?.p50Ms && Number.isFinite(bestReview) ? round(bestReview / review.p50Ms) : null,
      t.sent,
      round(row.rate),
      round(ci?.[0]),
      round(ci?.[1]),
      round(row.ratio),
      row.adverse ? 'below 0.8' : row.compared ? '' : 'n < 10: not compared',
      t.created === 0 ? null : round(t.noInNetworkOption / t.created),
    ];
  });
  const notes = inNetwork
    .filter((r) => r.adverse)
    .map(
      (r) =>
        `Recorded referrals, ${r.group}: ${r.n - r.favourable} of ${r.n} sent out of network ` +
        `(in-network share ${round(r.rate)} against the best payer's, ratio ${round(r.ratio)}).`,
    );
  return {
    table: {
      title: 'Recorded referrals by payer (store): time to review and in-network share',
      columns: [
        'payer',
        'referrals',
        'reviewed',
        'timed reviews',
        'time to review p50 (hours)',
        'time to review p90 (hours)',
        'best p50 / this p50',
        'sent',
        'in-network share of sent',
        'ci low',
        'ci high',
        'four-fifths ratio',
        'flag',
        'no in-network option rate',
      ],
      rows,
    },
    inNetwork,
    lowest: lowestRatio(inNetwork),
    referrals: payers.reduce((sum, t) => sum + t.created, 0),
    notes,
  };
}
