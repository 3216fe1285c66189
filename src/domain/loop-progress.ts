import { z } from 'zod';
import { TimerKind } from './loop-event.js';

/** Where a sent referral is in closing its loop: the times each wait is measured from. */
export const LoopProgress = z.object({
  sentAt: z.string().nullable().default(null),
  acknowledgedAt: z.string().nullable().default(null),
  followUps: z.number().int().default(0),
  lastFollowUpAt: z.string().nullable().default(null),
  appointmentAt: z.string().nullable().default(null),
  seenAt: z.string().nullable().default(null),
  noShows: z.number().int().default(0),
  /** A gap-in-care task was raised; the consult wait then only expires. */
  gapRaised: z.boolean().default(false),
  consult: z
    .object({ documentId: z.string(), summary: z.string(), receivedAt: z.string() })
    .nullable()
    .default(null),
  /** The deadline of the wait the referral is in, as recorded in the timer table. */
  wait: z.object({ key: z.string(), kind: TimerKind, dueAt: z.string() }).nullable().default(null),
});
export type LoopProgress = z.infer<typeof LoopProgress>;

export const NEW_LOOP: LoopProgress = LoopProgress.parse({});

/** The waits of the loop: each is an interrupt resumed by a loop event. */
export const LoopStage = z.enum([
  'await-delivery',
  'await-response',
  'await-visit',
  'await-consult',
]);
export type LoopStage = z.infer<typeof LoopStage>;

/** Where the graph goes after a loop event. */
export const LoopRoute = z.enum([
  ...LoopStage.options,
  'follow-up',
  'no-show',
  'gap-task',
  'file-consult',
  'cancel',
  'expire',
  'rematch',
  'send-failed',
]);
export type LoopRoute = z.infer<typeof LoopRoute>;
