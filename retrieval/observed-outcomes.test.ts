import { describe, expect, it } from 'vitest';
import type { SpecialistOutcome } from '../src/domain/index.js';
import { closureSentence, outcomeReasons } from './observed-outcomes.js';

const outcome = (over: Partial<SpecialistOutcome> = {}): SpecialistOutcome => ({
  npi: '1234567893',
  sent: 1,
  timeToAcknowledge: { count: 0, medianHours: null },
  timeToAppointment: { count: 0, medianDays: null },
  noShows: { count: 0, of: 0 },
  declines: { count: 0, of: 1 },
  loopClosure: { count: 0, of: 0 },
  ...over,
});

describe("the practice's own record in a candidate's reasons", () => {
  it('says nothing for a specialist never sent a referral, and no closure before a loop ended', () => {
    expect(outcomeReasons(undefined)).toEqual([]);
    expect(outcomeReasons(outcome({ sent: 0, declines: { count: 0, of: 0 } }))).toEqual([]);
    expect(closureSentence(outcome())).toBeNull();
    expect(outcomeReasons(outcome())).toEqual([
      'This practice has sent 1 referral here: 0 of 1 declined',
    ]);
  });

  it('gives short waits in minutes or hours rather than "0 h" or "0 days"', () => {
    const quick = outcome({
      sent: 3,
      timeToAcknowledge: { count: 3, medianHours: 0.25 },
      timeToAppointment: { count: 2, medianDays: 0.5 },
      declines: { count: 1, of: 3 },
      noShows: { count: 0, of: 2 },
      loopClosure: { count: 1, of: 2 },
    });
    expect(outcomeReasons(quick)).toEqual([
      'This practice has sent 3 referrals here: answers in a median 15 min, books within a median 12 h, 1 of 3 declined, 0 of 2 no-shows',
    ]);
    expect(closureSentence(quick)).toBe('Closes the loop on 1 of 2 referrals from this practice');
  });
});
