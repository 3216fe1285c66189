import { z } from 'zod';

/** The moments of a sent referral that the outcomes per specialist are computed from. */
export const OutcomeMilestone = z.enum([
  'sent',
  'acknowledged',
  'scheduled',
  'seen',
  'consult_received',
  'declined',
  'no_show',
  'expired',
  'cancelled',
]);
export type OutcomeMilestone = z.infer<typeof OutcomeMilestone>;

/** One milestone of one referral at the specialist it was sent to (recorded with its transition). */
export interface OutcomeMark {
  npi: string;
  milestone: OutcomeMilestone;
  at: string;
  /** The booked appointment, with `scheduled`. */
  appointmentAt?: string | null;
}

/** What one referral did at one specialist: the first time of each milestone, null when never. */
export interface OutcomeRecord {
  npi: string;
  sentAt: string;
  /** The office's first answer of any kind (acknowledgement, booking, visit, note, decline). */
  respondedAt: string | null;
  /** The first appointment booked. */
  appointmentAt: string | null;
  seenAt: string | null;
  consultAt: string | null;
  declinedAt: string | null;
  expiredAt: string | null;
  cancelledAt: string | null;
  noShows: number;
}

const Rate = z.object({
  count: z.number().int().nonnegative(),
  of: z.number().int().nonnegative(),
});

/** A specialist's record with this practice's referrals: each figure with what it rests on. */
export const SpecialistOutcome = z.object({
  npi: z.string().regex(/^\d{10}$/),
  /** Referrals sent to this specialist. */
  sent: z.number().int().nonnegative(),
  /** Hours from sending to the office's first answer (median), over `count` answered referrals. */
  timeToAcknowledge: z.object({ count: z.number().int(), medianHours: z.number().nullable() }),
  /** Days from sending to the first appointment booked (median), over `count` booked referrals. */
  timeToAppointment: z.object({ count: z.number().int(), medianDays: z.number().nullable() }),
  /** Missed appointments, of referrals that had one. */
  noShows: Rate,
  /** Declined, of referrals sent. */
  declines: Rate,
  /** Consult notes received, of referrals whose loop ended (note received, declined or expired). */
  loopClosure: Rate,
});
export type SpecialistOutcome = z.infer<typeof SpecialistOutcome>;

const HOUR_MS = 3_600_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m =
    sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(m * 100) / 100;
}

const hoursBetween = (from: string, to: string) =>
  Math.max(0, (Date.parse(to) - Date.parse(from)) / HOUR_MS);

/** One specialist's outcomes from the records of the referrals sent to it (cancelled ones left out). */
export function summarizeOutcomes(
  npi: string,
  records: readonly OutcomeRecord[],
): SpecialistOutcome {
  const counted = records.filter((r) => r.npi === npi && r.cancelledAt === null);
  const answered = counted.flatMap((r) =>
    r.respondedAt ? [hoursBetween(r.sentAt, r.respondedAt)] : [],
  );
  const booked = counted.flatMap((r) =>
    r.appointmentAt ? [hoursBetween(r.sentAt, r.appointmentAt) / 24] : [],
  );
  const withAppointment = counted.filter((r) => r.appointmentAt !== null || r.noShows > 0);
  const closed = counted.filter((r) => r.consultAt !== null).length;
  const ended = counted.filter(
    (r) => r.consultAt !== null || r.declinedAt !== null || r.expiredAt !== null,
  ).length;
  return {
    npi,
    sent: counted.length,
    timeToAcknowledge: { count: answered.length, medianHours: median(answered) },
    timeToAppointment: { count: booked.length, medianDays: median(booked) },
    noShows: {
      count: counted.reduce((n, r) => n + Math.min(r.noShows, 1), 0),
      of: withAppointment.length,
    },
    declines: { count: counted.filter((r) => r.declinedAt !== null).length, of: counted.length },
    loopClosure: { count: closed, of: ended },
  };
}
