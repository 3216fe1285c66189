import { describe, expect, it } from 'vitest';
import { type OutcomeRecord, summarizeOutcomes } from './specialist-outcome.js';

const NPI = '1234567893';
const record = (over: Partial<OutcomeRecord> = {}): OutcomeRecord => ({
  npi: NPI,
  sentAt: '2026-01-05T09:00:00.000Z',
  respondedAt: null,
  appointmentAt: null,
  seenAt: null,
  consultAt: null,
  declinedAt: null,
  expiredAt: null,
  cancelledAt: null,
  noShows: 0,
  ...over,
});

describe('summarizeOutcomes', () => {
  it('counts a specialist never sent a referral as all zeros, with no medians', () => {
    expect(summarizeOutcomes(NPI, [])).toEqual({
      npi: NPI,
      sent: 0,
      timeToAcknowledge: { count: 0, medianHours: null },
      timeToAppointment: { count: 0, medianDays: null },
      noShows: { count: 0, of: 0 },
      declines: { count: 0, of: 0 },
      loopClosure: { count: 0, of: 0 },
    });
  });

  it('takes medians over answered and booked referrals, and closure over loops that ended', () => {
    const records = [
      record({
        respondedAt: '2026-01-05T13:00:00.000Z',
        appointmentAt: '2026-01-15T09:00:00.000Z',
        consultAt: '2026-01-20T09:00:00.000Z',
      }),
      record({
        respondedAt: '2026-01-05T15:00:00.000Z',
        appointmentAt: '2026-01-25T09:00:00.000Z',
        noShows: 2,
        expiredAt: '2026-04-05T09:00:00.000Z',
      }),
      record({ respondedAt: '2026-01-06T09:00:00.000Z', declinedAt: '2026-01-06T09:00:00.000Z' }),
      record(),
      record({ cancelledAt: '2026-01-06T09:00:00.000Z', respondedAt: '2026-01-05T10:00:00.000Z' }),
      record({ npi: '1111111112', consultAt: '2026-01-07T09:00:00.000Z' }),
    ];
    expect(summarizeOutcomes(NPI, records)).toEqual({
      npi: NPI,
      sent: 4,
      timeToAcknowledge: { count: 3, medianHours: 6 },
      timeToAppointment: { count: 2, medianDays: 15 },
      noShows: { count: 1, of: 2 },
      declines: { count: 1, of: 4 },
      loopClosure: { count: 1, of: 3 },
    });
  });
});
