import { z } from 'zod';
import type { TimerKind } from './loop-event.js';

/** A wait, in one unit: hours, calendar days, or business days (Monday to Friday, UTC). */
export const WaitDuration = z.union([
  z.strictObject({
    hours: z
      .number()
      .positive()
      .max(24 * 366),
  }),
  z.strictObject({ days: z.number().int().positive().max(366) }),
  z.strictObject({ businessDays: z.number().int().positive().max(260) }),
]);
export type WaitDuration = z.infer<typeof WaitDuration>;

/** How long each wait of the loop may last before someone acts. */
export const TimerPolicy = z.strictObject({
  /** From `sent` to an acknowledgement (or an appointment). */
  acknowledgement: WaitDuration,
  /** From an acknowledgement (or a follow-up) to an appointment. */
  scheduling: WaitDuration,
  /** Follow-ups sent to the office before a coordinator is asked to step in. */
  followUpsBeforeTask: z.number().int().min(1).max(10),
  /** After the appointment, with no visit recorded, it counts as a no-show. */
  visitGrace: WaitDuration,
  /** From the appointment (or the visit) to the consult note: a gap in care after it. */
  consult: WaitDuration,
  /** From `sent`: the loop that has not closed by then expires. */
  expiry: WaitDuration,
});
export type TimerPolicy = z.infer<typeof TimerPolicy>;

/** One policy per urgency; a same-day condition of the rule table makes a referral `emergent`. */
export const TimerPolicies = z.strictObject({
  routine: TimerPolicy,
  urgent: TimerPolicy,
  emergent: TimerPolicy,
  /** Per referral type (the inferred specialty), over the urgency's policy. */
  byReferralType: z.record(z.string(), TimerPolicy.partial()).default(() => ({})),
});
export type TimerPolicies = z.infer<typeof TimerPolicies>;

export const DEFAULT_TIMER_POLICIES: TimerPolicies = {
  routine: {
    acknowledgement: { businessDays: 2 },
    scheduling: { days: 7 },
    followUpsBeforeTask: 2,
    visitGrace: { days: 1 },
    consult: { days: 14 },
    expiry: { days: 90 },
  },
  urgent: {
    acknowledgement: { hours: 4 },
    scheduling: { days: 2 },
    followUpsBeforeTask: 2,
    visitGrace: { days: 1 },
    consult: { days: 7 },
    expiry: { days: 30 },
  },
  emergent: {
    acknowledgement: { hours: 1 },
    scheduling: { hours: 24 },
    followUpsBeforeTask: 1,
    visitGrace: { hours: 12 },
    consult: { days: 3 },
    expiry: { days: 14 },
  },
  byReferralType: {},
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `from` plus `wait`; business days skip Saturdays and Sundays (UTC) and keep the time of day. */
export function addWait(from: Date, wait: WaitDuration): Date {
  if ('hours' in wait) return new Date(from.getTime() + wait.hours * HOUR_MS);
  if ('days' in wait) return new Date(from.getTime() + wait.days * DAY_MS);
  let at = from.getTime();
  let left = wait.businessDays;
  while (left > 0) {
    at += DAY_MS;
    const day = new Date(at).getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return new Date(at);
}

/** A deadline a waiting referral records (timers are data): which wait, and when it ends. */
export interface Deadline {
  kind: TimerKind;
  dueAt: string;
}

/** The earliest of the deadlines that apply (null when none do). */
export function earliestDeadline(deadlines: readonly (Deadline | null)[]): Deadline | null {
  let first: Deadline | null = null;
  for (const d of deadlines) if (d && (!first || d.dueAt < first.dueAt)) first = d;
  return first;
}
