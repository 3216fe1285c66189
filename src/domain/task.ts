import { z } from 'zod';

/** Work handed to a person: an exception, a failed delivery, an upstream outage. */
export const CoordinatorTask = z.object({
  id: z.string(),
  practiceId: z.string(),
  referralId: z.string().nullable(),
  kind: z.enum(['exception', 'delivery_failed', 'upstream_unavailable', 'unknown_referral']),
  title: z.string(),
  detail: z.string(),
  status: z.enum(['open', 'done']),
  createdAt: z.string(),
});
export type CoordinatorTask = z.infer<typeof CoordinatorTask>;
export type TaskDraft = Pick<CoordinatorTask, 'kind' | 'title' | 'detail'>;
