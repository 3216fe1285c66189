import type { TimerPolicies, TimerPolicy } from '../../src/domain/index.js';

/**
 * The acknowledgement wait is about a second, and one follow-up is all the office gets before a
 * coordinator is asked: a sent referral's timer fires within seconds, then the next wait is the
 * loop's far expiry. For end-to-end tests that need the loop's timers to act (`LOOP_TIMERS`).
 */
const QUICK_FOLLOW_UP: TimerPolicy = {
  acknowledgement: { hours: 0.0003 },
  scheduling: { days: 30 },
  followUpsBeforeTask: 1,
  visitGrace: { days: 30 },
  consult: { days: 30 },
  expiry: { days: 90 },
};

export const QUICK_FOLLOW_UP_TIMERS: TimerPolicies = {
  routine: QUICK_FOLLOW_UP,
  urgent: QUICK_FOLLOW_UP,
  emergent: QUICK_FOLLOW_UP,
  byReferralType: {},
};
