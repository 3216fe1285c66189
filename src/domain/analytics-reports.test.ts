import { describe, expect, it } from 'vitest';
import { ZERO_TALLY } from '../../test/fixtures/analytics-facts.js';
import type { SpecialistTally, Tally } from './analytics.js';
import { analyticsCsv } from './analytics-csv.js';
import {
  cycleTimesReport,
  exceptionsReport,
  funnelReport,
  leakageReport,
  llmFallbackReport,
  loopClosureReport,
  specialistsReport,
  volumeReport,
} from './analytics-reports.js';

const tally = (counts: Partial<Tally>): Tally => ({
  key: null,
  label: null,
  ...ZERO_TALLY,
  ...counts,
});

const HOUR = 3_600_000;

describe('analytics reports', () => {
  it('volume: weeks of the range, zero-filled, with the total', () => {
    const byDay = [
      tally({ key: '2026-01-06', created: 2 }),
      tally({ key: '2026-01-08', created: 1 }),
      tally({ key: '2026-01-21', created: 4 }),
    ];
    const volume = volumeReport(byDay, { from: '2026-01-01', to: '2026-01-21' });
    expect(volume).toEqual({
      total: 7,
      weeks: [
        { week: '2026-W01', weekStart: '2025-12-29', created: 0 },
        { week: '2026-W02', weekStart: '2026-01-05', created: 3 },
        { week: '2026-W03', weekStart: '2026-01-12', created: 0 },
        { week: '2026-W04', weekStart: '2026-01-19', created: 4 },
      ],
    });
    expect(analyticsCsv('volume', volume)).toEqual([
      ['week', 'week_start', 'created'],
      ['2026-W01', '2025-12-29', '0'],
      ['2026-W02', '2026-01-05', '3'],
      ['2026-W03', '2026-01-12', '0'],
      ['2026-W04', '2026-01-19', '4'],
    ]);
    expect(volumeReport([], {})).toEqual({ total: 0, weeks: [] });
  });

  it('funnel: each step with its share of referrals created', () => {
    const funnel = funnelReport([
      tally({ created: 4, reviewed: 3, sent: 2, scheduled: 1, seen: 1, closed: 1 }),
    ]);
    expect(funnel.steps).toEqual([
      { step: 'created', count: 4, shareOfCreated: 1 },
      { step: 'reviewed', count: 3, shareOfCreated: 0.75 },
      { step: 'sent', count: 2, shareOfCreated: 0.5 },
      { step: 'scheduled', count: 1, shareOfCreated: 0.25 },
      { step: 'seen', count: 1, shareOfCreated: 0.25 },
      { step: 'closed', count: 1, shareOfCreated: 0.25 },
    ]);
    expect(funnelReport([tally({})]).steps[0]).toEqual({
      step: 'created',
      count: 0,
      shareOfCreated: null,
    });
  });

  it('cycle times: median and p90 in hours per interval', () => {
    const report = cycleTimesReport({
      'created-to-reviewed': { n: 10, p50Ms: 5.5 * HOUR, p90Ms: 9.1 * HOUR + 1 },
      'reviewed-to-sent': { n: 0, p50Ms: null, p90Ms: null },
      'sent-to-scheduled': { n: 1, p50Ms: 48 * HOUR, p90Ms: 48 * HOUR },
      'seen-to-consult': { n: 2, p50Ms: 2 * HOUR, p90Ms: 2.8 * HOUR },
    });
    expect(report.intervals).toEqual([
      { interval: 'created-to-reviewed', n: 10, medianHours: 5.5, p90Hours: 9.1 },
      { interval: 'reviewed-to-sent', n: 0, medianHours: null, p90Hours: null },
      { interval: 'sent-to-scheduled', n: 1, medianHours: 48, p90Hours: 48 },
      { interval: 'seen-to-consult', n: 2, medianHours: 2, p90Hours: 2.8 },
    ]);
    expect(analyticsCsv('cycle-times', report)[2]).toEqual(['reviewed-to-sent', '0', '', '']);
  });

  it('loop closure and leakage: groups largest first, unknown last, totals their sums', () => {
    const bySpecialty = [
      tally({ key: null, created: 5, sent: 0 }),
      tally({ key: 'glaucoma', label: 'Glaucoma', created: 5, sent: 4, consulted: 1 }),
      tally({
        key: 'retina',
        label: 'Retina',
        created: 10,
        sent: 8,
        consulted: 6,
        outOfNetwork: 2,
        noInNetworkOption: 1,
      }),
    ];
    const closure = loopClosureReport(bySpecialty);
    expect(closure.overall).toEqual({ count: 7, of: 12, rate: 0.5833 });
    expect(closure.bySpecialty.map((g) => [g.key, g.closure.rate])).toEqual([
      ['retina', 0.75],
      ['glaucoma', 0.25],
      [null, null],
    ]);
    expect(analyticsCsv('loop-closure', closure)).toEqual([
      ['grouping', 'key', 'label', 'consult_received', 'sent', 'closure_rate'],
      ['total', '', '', '7', '12', '0.5833'],
      ['specialty', 'retina', 'Retina', '6', '8', '0.75'],
      ['specialty', 'glaucoma', 'Glaucoma', '1', '4', '0.25'],
      ['specialty', '', '', '0', '0', ''],
    ]);

    const byPayer = [tally({ key: 'bluewave', label: 'BlueWave', created: 20, outOfNetwork: 2 })];
    const leakage = leakageReport(bySpecialty, byPayer);
    expect(leakage).toMatchObject({
      created: 20,
      outOfNetwork: { count: 2, of: 20, rate: 0.1 },
      noInNetworkOption: { count: 1, of: 20, rate: 0.05 },
    });
    expect(leakage.bySpecialty[0]).toEqual({
      key: 'retina',
      label: 'Retina',
      created: 10,
      outOfNetwork: { count: 2, of: 10, rate: 0.2 },
      noInNetworkOption: { count: 1, of: 10, rate: 0.1 },
    });
    const csv = analyticsCsv('leakage', leakage);
    expect(csv[1]).toEqual(['total', '', '', '20', '2', '0.1', '1', '0.05']);
    expect(csv.at(-1)).toEqual(['payer', 'bluewave', 'BlueWave', '20', '2', '0.1', '0', '0']);
  });

  it('specialists: ratios and medians per NPI, most sent first', () => {
    const tally = (npi: string, over: Partial<SpecialistTally>): SpecialistTally => ({
      npi,
      sent: 0,
      msToAnswer: [],
      msToAppointment: [],
      withAppointment: 0,
      noShows: 0,
      declined: 0,
      consulted: 0,
      ended: 0,
      ...over,
    });
    const report = specialistsReport([
      tally('1000000001', { sent: 1, msToAnswer: [4 * HOUR] }),
      tally('1000000003', {}),
      tally('1000000002', {
        sent: 2,
        msToAnswer: [HOUR, 3 * HOUR],
        msToAppointment: [-HOUR, 4 * 24 * HOUR],
        withAppointment: 1,
        declined: 1,
        consulted: 1,
        ended: 2,
      }),
    ]);
    expect(report.specialists).toEqual([
      {
        npi: '1000000002',
        sent: 2,
        answered: { count: 2, of: 2, rate: 1 },
        medianHoursToAcknowledge: 2,
        medianDaysToAppointment: 2,
        noShows: { count: 0, of: 1, rate: 0 },
        declines: { count: 1, of: 2, rate: 0.5 },
        loopClosure: { count: 1, of: 2, rate: 0.5 },
      },
      expect.objectContaining({ npi: '1000000001', sent: 1, medianHoursToAcknowledge: 4 }),
    ]);
    expect(analyticsCsv('specialists', report)[1]).toEqual([
      '1000000002',
      '2',
      '2',
      '1',
      '2',
      '2',
      '0',
      '1',
      '0',
      '1',
      '0.5',
      '1',
      '2',
      '0.5',
    ]);
  });

  it('exceptions: reasons by count, then name; no reason is no exception', () => {
    const report = exceptionsReport([
      tally({ key: null, created: 50 }),
      tally({ key: 'payer_unavailable', created: 2 }),
      tally({ key: 'no_valid_candidate', created: 5 }),
      tally({ key: 'ehr_unavailable', created: 2 }),
    ]);
    expect(report).toEqual({
      total: 9,
      reasons: [
        { reason: 'no_valid_candidate', count: 5 },
        { reason: 'ehr_unavailable', count: 2 },
        { reason: 'payer_unavailable', count: 2 },
      ],
    });
  });

  it('LLM fallback: overall and per week, null for weeks without attempts', () => {
    const report = llmFallbackReport(
      [
        tally({ key: '2026-01-05', llmAttempts: 3, llmFallbacks: 1 }),
        tally({ key: '2026-01-06', llmAttempts: 1, llmFallbacks: 1 }),
        tally({ key: '2026-01-19', created: 1 }),
      ],
      {},
    );
    expect(report).toEqual({
      overall: { count: 2, of: 4, rate: 0.5 },
      weeks: [
        { week: '2026-W02', weekStart: '2026-01-05', fallbacks: { count: 2, of: 4, rate: 0.5 } },
        { week: '2026-W03', weekStart: '2026-01-12', fallbacks: { count: 0, of: 0, rate: null } },
        { week: '2026-W04', weekStart: '2026-01-19', fallbacks: { count: 0, of: 0, rate: null } },
      ],
    });
    expect(analyticsCsv('llm-fallback', report).slice(0, 2)).toEqual([
      ['week', 'week_start', 'fallbacks', 'llm_attempts', 'fallback_rate'],
      ['total', '', '2', '4', '0.5'],
    ]);
  });
});
