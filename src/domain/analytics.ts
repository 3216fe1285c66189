import { z } from 'zod';
import { Urgency } from './referral.js';

/** What a practice manager can look at, one report each. */
export const ANALYTICS_VIEWS = [
  'volume',
  'funnel',
  'cycle-times',
  'loop-closure',
  'leakage',
  'specialists',
  'exceptions',
  'llm-fallback',
] as const;
export const AnalyticsView = z.enum(ANALYTICS_VIEWS);
export type AnalyticsView = z.infer<typeof AnalyticsView>;

const DimensionKey = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/);

/** Which referrals a report counts; every bound is optional. */
export const AnalyticsFilter = z
  .object({
    /** First UTC creation date counted (YYYY-MM-DD). */
    from: z.iso.date().optional(),
    /** Last UTC creation date counted (YYYY-MM-DD, inclusive). */
    to: z.iso.date().optional(),
    /** The preferred specialty's key. */
    specialty: DimensionKey.optional(),
    /** The payer's id. */
    payer: DimensionKey.optional(),
    urgency: Urgency.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: 'to must not be before from',
  });
export type AnalyticsFilter = z.infer<typeof AnalyticsFilter>;

export const DAY_MS = 86_400_000;

/** The filter's dates in epoch ms: from `fromMs`, until `untilMs` (the day after `to`). */
export function creationWindow(filter: AnalyticsFilter): { fromMs?: number; untilMs?: number } {
  return {
    ...(filter.from ? { fromMs: Date.parse(filter.from) } : {}),
    ...(filter.to ? { untilMs: Date.parse(filter.to) + DAY_MS } : {}),
  };
}

/** What referrals are counted by: one group per value (null for referrals without one). */
export type TallyDimension = 'all' | 'day' | 'specialty' | 'payer' | 'exception';

/**
 * What can be counted in a group of referrals. Each funnel step counts the referrals that reached
 * it or a later step, since steps can be skipped: an autonomous referral is sent without a review,
 * an office may send the consult note without a booking or visit recorded first.
 */
export interface TallyCounts {
  created: number;
  /** A review decision recorded, or sent (without one). */
  reviewed: number;
  sent: number;
  /** A booking made, or a visit or consult note received. */
  scheduled: number;
  /** A visit, or a consult note received. */
  seen: number;
  /** Consult note received. */
  consulted: number;
  /** The loop closed: consult note received and the referral closed. */
  closed: number;
  /** Sent to a specialist out of the patient's network. */
  outOfNetwork: number;
  /** No eligible in-network specialist was found. */
  noInNetworkOption: number;
  /** Sums over the referrals. */
  llmAttempts: number;
  llmFallbacks: number;
}
export type TallyCounter = keyof TallyCounts;

/** One group of referrals with the counts asked for. */
export type Tally<C extends TallyCounter = TallyCounter> = {
  /** The group's value: the UTC creation date (YYYY-MM-DD) by day, the key or id otherwise. */
  key: string | null;
  /** The specialty's or payer's name for people; null for the other dimensions. */
  label: string | null;
} & Pick<TallyCounts, C>;

/** The intervals cycle times are measured on, each between two first milestones. */
export const CYCLE_INTERVALS = [
  'created-to-reviewed',
  'reviewed-to-sent',
  /** Time to book. */
  'sent-to-scheduled',
  /** Visit to consult note. */
  'seen-to-consult',
] as const;
export const CycleInterval = z.enum(CYCLE_INTERVALS);
export type CycleInterval = z.infer<typeof CycleInterval>;

/**
 * One specialist's record with the filtered referrals sent to it, cancelled ones left out: the
 * counts and durations `SpecialistOutcome` (`summarizeOutcomes`) rests on.
 */
export interface SpecialistTally {
  npi: string;
  sent: number;
  /** Milliseconds from sending to the office's first answer, one per answered referral. */
  msToAnswer: number[];
  /** Milliseconds from sending to the first appointment booked, one per booked referral. */
  msToAppointment: number[];
  /** Referrals with an appointment booked or missed. */
  withAppointment: number;
  /** Referrals with a missed appointment. */
  noShows: number;
  declined: number;
  consulted: number;
  /** Loops ended: consult note received, declined or expired. */
  ended: number;
}

/** The median and 90th percentile of an interval's durations, over the `n` that have both ends. */
export interface DurationQuantiles {
  n: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

/** The practice's reporting queries: counts and durations in SQL, the reports built from them. */
export interface AnalyticsStore {
  /** The filtered referrals' `counters`, one tally per group of `by` (one tally for 'all'). */
  tally<C extends TallyCounter>(
    practiceId: string,
    filter: AnalyticsFilter,
    by: TallyDimension,
    counters: readonly C[],
  ): Promise<Array<Tally<C>>>;
  /**
   * Each interval's quantiles over the filtered referrals, linearly interpolated between the
   * closest ranks (`percentile`, PostgreSQL's `percentile_cont`).
   */
  cycleTimes(
    practiceId: string,
    filter: AnalyticsFilter,
  ): Promise<Record<CycleInterval, DurationQuantiles>>;
  /** One tally per specialist the filtered referrals were sent to. */
  specialists(practiceId: string, filter: AnalyticsFilter): Promise<SpecialistTally[]>;
}
