import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY,
  FACTS,
  HOUR,
  insertStatements,
  N1,
  N2,
  N3,
  OUTCOMES,
  P,
  TEN,
  TEN_FACTS,
  ZERO_TALLY,
} from '../../../test/fixtures/analytics-facts.js';
import { postgresBackend, sqliteBackend } from '../../../test/support/store-backends.js';
import {
  type AnalyticsStore,
  type OutcomeRecord,
  summarizeOutcomes,
  type TallyCounter,
} from '../../domain/index.js';
import { readAnalytics } from '../../http/analytics-views.js';
import type { OpenStore } from './open-store.js';

const EVERY_COUNTER = Object.keys(ZERO_TALLY) as TallyCounter[];

describe.each([sqliteBackend(), postgresBackend()])('analytics store ($name)', (backend) => {
  let opened: OpenStore;
  let analytics: AnalyticsStore;

  beforeAll(async () => {
    opened = await backend.open();
    analytics = opened.store.analytics;
    await backend.raw([
      ...insertStatements('referral_facts', [...FACTS, ...TEN_FACTS]),
      ...insertStatements('referral_outcomes', OUTCOMES),
    ]);
  });
  afterAll(async () => {
    await opened?.close();
    await backend.cleanup();
  });

  it('counts each funnel step with the later steps reached, in the practice only', async () => {
    expect(await analytics.tally(P, {}, 'all', EVERY_COUNTER)).toEqual([
      {
        key: null,
        label: null,
        created: 6,
        reviewed: 4,
        sent: 3,
        scheduled: 3,
        seen: 2,
        consulted: 2,
        closed: 1,
        outOfNetwork: 1,
        noInNetworkOption: 1,
        llmAttempts: 4,
        llmFallbacks: 2,
      },
    ]);
    expect(await analytics.tally(EMPTY, {}, 'all', EVERY_COUNTER)).toEqual([
      { key: null, label: null, ...ZERO_TALLY },
    ]);
  });

  it('groups by UTC creation day, specialty, payer and exception reason', async () => {
    const keys = async (by: 'day' | 'specialty' | 'payer' | 'exception') =>
      (await analytics.tally(P, {}, by, ['created']))
        .map((t) => [t.key, t.label, t.created])
        .sort(([a], [b]) =>
          a === null ? 1 : b === null ? -1 : String(a).localeCompare(String(b)),
        );
    expect(await keys('day')).toEqual([
      ['2026-01-05', null, 2],
      ['2026-01-06', null, 1],
      ['2026-01-13', null, 1],
      ['2026-01-14', null, 1],
      ['2026-01-27', null, 1],
    ]);
    expect(await keys('specialty')).toEqual([
      ['glaucoma', 'Glaucoma', 2],
      ['retina', 'Retina', 3],
      [null, null, 1],
    ]);
    expect(await keys('payer')).toEqual([
      ['acme', 'Acme Health', 2],
      ['bluewave', 'BlueWave PPO', 3],
      [null, null, 1],
    ]);
    expect(await keys('exception')).toEqual([
      ['no_valid_candidate', null, 1],
      ['payer_unavailable', null, 1],
      [null, null, 4],
    ]);
    expect(await analytics.tally(EMPTY, {}, 'specialty', ['created'])).toEqual([]);
  });

  it('filters by whole UTC days, specialty, payer and urgency', async () => {
    const created = async (filter: Parameters<AnalyticsStore['tally']>[1]) =>
      (await analytics.tally(P, filter, 'all', ['created']))[0]?.created;
    // r-6 is created a millisecond before 2026-01-06; r-3 at noon on the last day.
    expect(await created({ from: '2026-01-06', to: '2026-01-13' })).toBe(2);
    expect(await created({ from: '2026-01-05', to: '2026-01-05' })).toBe(2);
    expect(await created({ from: '2026-01-14' })).toBe(2);
    expect(await created({ to: '2026-01-04' })).toBe(0);
    expect(await created({ specialty: 'retina' })).toBe(3);
    expect(await created({ payer: 'acme' })).toBe(2);
    expect(await created({ urgency: 'urgent' })).toBe(1);
    expect(await created({ specialty: 'retina', urgency: 'routine', to: '2026-01-05' })).toBe(2);
  });

  it('takes quantiles of each interval where both ends happened', async () => {
    const quantiles = await analytics.cycleTimes(P, {});
    // r-6 was reviewed a millisecond after it was created.
    expect(quantiles['created-to-reviewed']).toEqual({
      n: 3,
      p50Ms: HOUR,
      p90Ms: expect.closeTo(1.8 * HOUR, 3),
    });
    expect(quantiles['reviewed-to-sent']).toEqual({ n: 2, p50Ms: 2 * HOUR, p90Ms: 2 * HOUR });
    expect(quantiles['sent-to-scheduled']).toEqual({
      n: 2,
      p50Ms: 36 * HOUR,
      p90Ms: expect.closeTo(45.6 * HOUR, 3),
    });
    expect(quantiles['seen-to-consult']).toEqual({ n: 1, p50Ms: 24 * HOUR, p90Ms: 24 * HOUR });
    expect(await analytics.cycleTimes(EMPTY, {})).toMatchObject({
      'created-to-reviewed': { n: 0, p50Ms: null, p90Ms: null },
    });
    const ten = await readAnalytics(analytics, TEN, 'cycle-times', {});
    expect(ten.intervals[0]).toEqual({
      interval: 'created-to-reviewed',
      n: 10,
      medianHours: 5.5,
      p90Hours: 9.1,
    });
  });

  it('tallies each specialist of the filtered referrals, cancelled ones left out', async () => {
    const sent = async (filter: Parameters<AnalyticsStore['specialists']>[1]) =>
      (await analytics.specialists(P, filter)).map((t) => [t.npi, t.sent]).sort();
    expect(await sent({})).toEqual([
      [N1, 2],
      [N2, 2],
    ]);
    expect(await sent({ specialty: 'glaucoma' })).toEqual([[N2, 1]]);
    expect(await analytics.specialists(EMPTY, {})).toEqual([]);
    const [n1] = (await readAnalytics(analytics, P, 'specialists', { specialty: 'retina' }))
      .specialists;
    expect(n1).toEqual({
      npi: N1,
      sent: 2,
      answered: { count: 1, of: 2, rate: 0.5 },
      medianHoursToAcknowledge: 2,
      medianDaysToAppointment: 4,
      noShows: { count: 1, of: 2, rate: 0.5 },
      declines: { count: 0, of: 2, rate: 0 },
      loopClosure: { count: 1, of: 2, rate: 0.5 },
    });
  });

  it('agrees with summarizeOutcomes, which ranks specialists in matching', async () => {
    const records: OutcomeRecord[] = OUTCOMES.filter((o) => o.practice_id === P).map((o) => ({
      npi: o.npi,
      sentAt: o.sent_at,
      respondedAt: o.responded_at ?? null,
      appointmentAt: o.appointment_at ?? null,
      seenAt: o.seen_at ?? null,
      consultAt: o.consult_at ?? null,
      declinedAt: o.declined_at ?? null,
      expiredAt: o.expired_at ?? null,
      cancelledAt: o.cancelled_at ?? null,
      noShows: o.no_shows ?? 0,
    }));
    const expected = [N1, N2, N3]
      .map((npi) => summarizeOutcomes(npi, records))
      .filter((o) => o.sent > 0)
      .map((o) => ({
        npi: o.npi,
        sent: o.sent,
        answered: o.timeToAcknowledge.count,
        medianHoursToAcknowledge: o.timeToAcknowledge.medianHours,
        medianDaysToAppointment: o.timeToAppointment.medianDays,
        noShows: o.noShows,
        declines: o.declines,
        loopClosure: o.loopClosure,
      }));
    const { specialists } = await readAnalytics(analytics, P, 'specialists', {});
    const ofRatio = (r: { count: number; of: number }) => ({ count: r.count, of: r.of });
    expect(
      specialists.map((s) => ({
        ...s,
        answered: s.answered.count,
        noShows: ofRatio(s.noShows),
        declines: ofRatio(s.declines),
        loopClosure: ofRatio(s.loopClosure),
      })),
    ).toEqual(expected);
  });

  it('builds every view from the store', async () => {
    const read = <V extends Parameters<typeof readAnalytics>[2]>(view: V) =>
      readAnalytics(analytics, P, view, {});
    expect((await read('volume')).weeks.map((w) => [w.week, w.created])).toEqual([
      ['2026-W02', 3],
      ['2026-W03', 2],
      ['2026-W04', 0],
      ['2026-W05', 1],
    ]);
    expect((await read('loop-closure')).overall).toEqual({ count: 2, of: 3, rate: 0.6667 });
    expect((await read('leakage')).byPayer[0]).toEqual({
      key: 'bluewave',
      label: 'BlueWave PPO',
      created: 3,
      outOfNetwork: { count: 1, of: 3, rate: 0.3333 },
      noInNetworkOption: { count: 0, of: 3, rate: 0 },
    });
    expect((await read('exceptions')).total).toBe(2);
    expect((await read('llm-fallback')).weeks.map((w) => w.fallbacks.rate)).toEqual([
      0.3333,
      1,
      null,
      null,
    ]);
    const empty = await readAnalytics(analytics, EMPTY, 'funnel', {});
    expect(empty.steps.every((s) => s.count === 0 && s.shareOfCreated === null)).toBe(true);
  });
});
