import { z } from 'zod';
import { type AnalyticsView, CycleInterval } from './analytics.js';

const Count = z.number().int().nonnegative();

/** `count` of `of`; `rate` is their quotient, null when `of` is 0. */
export const Ratio = z.object({ count: Count, of: Count, rate: z.number().nullable() });
export type Ratio = z.infer<typeof Ratio>;

const IsoWeek = {
  /** ISO 8601 week, e.g. 2026-W02. */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** Its Monday (UTC). */
  weekStart: z.iso.date(),
};

/** A group of referrals: the specialty's key or payer's id (null: not known), and its name. */
const Group = { key: z.string().nullable(), label: z.string().nullable() };

export const VolumeResult = z.object({
  total: Count,
  /** Referrals created per ISO week, every week of the range (zeros included). */
  weeks: z.array(z.object({ ...IsoWeek, created: Count })),
});
export type VolumeResult = z.infer<typeof VolumeResult>;

export const FUNNEL_STEPS = ['created', 'reviewed', 'sent', 'scheduled', 'seen', 'closed'] as const;
export const FunnelStep = z.enum(FUNNEL_STEPS);
export type FunnelStep = z.infer<typeof FunnelStep>;

/**
 * Referrals that reached each step or a later one (steps can be skipped): `reviewed` counts a
 * review decision or a send without one (autonomous mode); `scheduled` a booking, a visit or a
 * consult note; `seen` a visit or a consult note; `closed` the loop closed (consult note received
 * and referral closed). `shareOfCreated` is the step's count over `created`.
 */
export const FunnelResult = z.object({
  steps: z.array(
    z.object({ step: FunnelStep, count: Count, shareOfCreated: z.number().nullable() }),
  ),
});
export type FunnelResult = z.infer<typeof FunnelResult>;

/** Median and 90th percentile of each interval in hours, over the `n` referrals with both ends. */
export const CycleTimesResult = z.object({
  intervals: z.array(
    z.object({
      interval: CycleInterval,
      n: Count,
      medianHours: z.number().nullable(),
      p90Hours: z.number().nullable(),
    }),
  ),
});
export type CycleTimesResult = z.infer<typeof CycleTimesResult>;

/** Consult notes received of referrals sent, overall and per specialty. */
export const LoopClosureResult = z.object({
  overall: Ratio,
  bySpecialty: z.array(z.object({ ...Group, closure: Ratio })),
});
export type LoopClosureResult = z.infer<typeof LoopClosureResult>;

const LeakageCounts = {
  created: Count,
  /** Sent to a specialist outside the patient's network, of referrals created. */
  outOfNetwork: Ratio,
  /** No eligible in-network specialist found, of referrals created. */
  noInNetworkOption: Ratio,
};
export const LeakageGroup = z.object({ ...Group, ...LeakageCounts });
export type LeakageGroup = z.infer<typeof LeakageGroup>;

export const LeakageResult = z.object({
  ...LeakageCounts,
  bySpecialty: z.array(LeakageGroup),
  byPayer: z.array(LeakageGroup),
});
export type LeakageResult = z.infer<typeof LeakageResult>;

/**
 * Each specialist's record with the filtered referrals (cancelled ones left out): answers of
 * referrals sent, medians of the time to the first answer and to the first appointment booked,
 * no-shows of referrals with an appointment, declines of referrals sent, consult notes of loops
 * ended (note received, declined or expired).
 */
export const SpecialistsResult = z.object({
  specialists: z.array(
    z.object({
      npi: z.string(),
      sent: Count,
      answered: Ratio,
      medianHoursToAcknowledge: z.number().nullable(),
      medianDaysToAppointment: z.number().nullable(),
      noShows: Ratio,
      declines: Ratio,
      loopClosure: Ratio,
    }),
  ),
});
export type SpecialistsResult = z.infer<typeof SpecialistsResult>;

/** Referrals that went to a coordinator as an exception, per reason, most frequent first. */
export const ExceptionsResult = z.object({
  total: Count,
  reasons: z.array(z.object({ reason: z.string(), count: Count })),
});
export type ExceptionsResult = z.infer<typeof ExceptionsResult>;

/** Agent steps the rules decided after the LLM was asked, of the steps that asked it. */
export const LlmFallbackResult = z.object({
  overall: Ratio,
  weeks: z.array(z.object({ ...IsoWeek, fallbacks: Ratio })),
});
export type LlmFallbackResult = z.infer<typeof LlmFallbackResult>;

/** Each view's result schema. */
export const ANALYTICS_RESULTS = {
  volume: VolumeResult,
  funnel: FunnelResult,
  'cycle-times': CycleTimesResult,
  'loop-closure': LoopClosureResult,
  leakage: LeakageResult,
  specialists: SpecialistsResult,
  exceptions: ExceptionsResult,
  'llm-fallback': LlmFallbackResult,
} as const satisfies Record<AnalyticsView, z.ZodType>;

/** Each view's result. */
export type AnalyticsResults = {
  [V in AnalyticsView]: z.infer<(typeof ANALYTICS_RESULTS)[V]>;
};
