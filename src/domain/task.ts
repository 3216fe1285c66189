import { z } from 'zod';

export const TaskKind = z.enum([
  'exception',
  'delivery_failed',
  'upstream_unavailable',
  'unknown_referral',
  /** The office has not answered after the follow-ups. */
  'follow_up',
  /** No consult note after the appointment. */
  'gap_in_care',
  'no_show',
  'expired',
  /** An inbound message or document that matched no referral, or more than one. */
  'unmatched_message',
  /** A scheduled drift check found the directory or the recommendations shifting (no referral). */
  'drift_alert',
]);
export type TaskKind = z.infer<typeof TaskKind>;

/** Work handed to a person: an exception, a failed delivery, an upstream outage. */
export const CoordinatorTask = z.object({
  id: z.string(),
  practiceId: z.string(),
  referralId: z.string().nullable(),
  kind: TaskKind,
  title: z.string(),
  detail: z.string(),
  status: z.enum(['open', 'done']),
  createdAt: z.string(),
});
export type CoordinatorTask = z.infer<typeof CoordinatorTask>;
export type TaskDraft = Pick<CoordinatorTask, 'kind' | 'title' | 'detail'>;
