import { describe, expect, it } from 'vitest';
import type { AnalyticsFilter, CycleInterval, DurationQuantiles } from '../../src/domain/index.js';
import { type BiasAuditStore, recordedOutcomes } from './recorded-outcomes.js';

const HOUR = 3_600_000;

/** Analytics answering from hand-made per-payer counts and review times. */
function fakeStore(
  payers: Array<{ key: string; created: number; sent: number; outOfNetwork: number; p50h: number }>,
): BiasAuditStore {
  const none: DurationQuantiles = { n: 0, p50Ms: null, p90Ms: null };
  return {
    practiceId: 'p1',
    analytics: {
      tally: (async () =>
        payers.map((p) => ({
          key: p.key,
          label: `${p.key} plan`,
          created: p.created,
          reviewed: p.created,
          sent: p.sent,
          outOfNetwork: p.outOfNetwork,
          noInNetworkOption: 0,
          scheduled: 0,
          seen: 0,
          consulted: 0,
          closed: 0,
          llmAttempts: 0,
          llmFallbacks: 0,
        }))) as unknown as BiasAuditStore['analytics']['tally'],
      cycleTimes: async (_practiceId: string, filter: AnalyticsFilter) => {
        const p = payers.find((x) => x.key === filter.payer);
        const review = p ? { n: p.created, p50Ms: p.p50h * HOUR, p90Ms: 2 * p.p50h * HOUR } : none;
        return {
          'created-to-reviewed': review,
          'reviewed-to-sent': none,
          'sent-to-scheduled': none,
          'seen-to-consult': none,
        } satisfies Record<CycleInterval, DurationQuantiles>;
      },
    },
  };
}

describe('recordedOutcomes', () => {
  it('flags a payer whose sent referrals go out of network far more often', async () => {
    const result = await recordedOutcomes(
      fakeStore([
        { key: 'bluewave', created: 60, sent: 50, outOfNetwork: 5, p50h: 4 },
        { key: 'oceanstate', created: 40, sent: 30, outOfNetwork: 15, p50h: 8 },
      ]),
      3,
    );
    expect(result.referrals).toBe(100);
    expect(result.inNetwork.map((r) => [r.group, r.rate, r.adverse])).toEqual([
      ['bluewave plan', 0.9, false],
      ['oceanstate plan', 0.5, true],
    ]);
    expect(result.lowest).toBeCloseTo(0.5 / 0.9, 12);
    const oceanstate = result.table.rows[1] ?? [];
    const column = (name: string) => oceanstate[result.table.columns.indexOf(name)];
    expect(column('time to review p50 (hours)')).toBe(8);
    expect(column('best p50 / this p50')).toBe(0.5);
    expect(column('flag')).toBe('below 0.8');
    expect(result.notes).toEqual([
      "Recorded referrals, oceanstate plan: 15 of 30 sent out of network (in-network share 0.5 against the best payer's, ratio 0.556).",
    ]);
  });

  it('flags nothing when the payers fare alike', async () => {
    const result = await recordedOutcomes(
      fakeStore([
        { key: 'a', created: 30, sent: 20, outOfNetwork: 2, p50h: 5 },
        { key: 'b', created: 30, sent: 20, outOfNetwork: 3, p50h: 5 },
      ]),
      3,
    );
    expect(result.inNetwork.some((r) => r.adverse)).toBe(false);
    expect(result.notes).toEqual([]);
  });
});
