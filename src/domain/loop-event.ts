import { z } from 'zod';

/** The deadlines a waiting referral can miss; each names the wait it ends. */
export const TimerKind = z.enum([
  /** Sent, no acknowledgement from the office yet. */
  'acknowledgement',
  /** Acknowledged (or followed up), no appointment yet. */
  'scheduling',
  /** The day after the appointment, no visit recorded. */
  'visit',
  /** Seen (or the appointment passed), no consult note. */
  'consult',
  /** The loop never closed. */
  'expiry',
]);
export type TimerKind = z.infer<typeof TimerKind>;

/** Who reported an event: the EHR's webhooks, an HL7 v2 interface, a channel, a timer, a person. */
export const LoopEventSource = z.enum(['ehr', 'hl7', 'channel', 'timer', 'coordinator', 'upload']);
export type LoopEventSource = z.infer<typeof LoopEventSource>;

export const LOOP_EVENT_TYPES = [
  /** The channel accepted the packet (the specialist's office has it). */
  'delivered',
  /** The channel refused it for good, or every attempt failed. */
  'delivery_failed',
  'acknowledged',
  'declined',
  /** An appointment was booked (SIU^S12, REF accepted with a date, the EHR's `scheduled`). */
  'scheduled',
  /** The appointment moved or changed (SIU^S13/S14). */
  'rescheduled',
  /** The office cancelled the appointment (SIU^S15); the referral waits for a new one. */
  'appointment_cancelled',
  'no_show',
  /** The specialist saw the patient (ADT^A01/A03/A04). */
  'seen',
  /** A consult note or report arrived (MDM^T02/T04, ORU^R01, an upload, Direct). */
  'consult_received',
  /** The referral was cancelled (the EHR, a REF^I14, a coordinator). */
  'cancelled',
  'timeout',
] as const;
export const LoopEventType = z.enum(LOOP_EVENT_TYPES);
export type LoopEventType = z.infer<typeof LoopEventType>;

/** What wakes a referral waiting for the outside world; `eventId` keys its effects. */
export const LoopEvent = z.object({
  type: LoopEventType,
  eventId: z.string(),
  /** When it happened (ISO 8601), as the reporter said; the clock's time for timers. */
  at: z.string(),
  source: LoopEventSource.default('ehr'),
  note: z.string().optional(),
  appointmentAt: z.string().optional(),
  timer: TimerKind.optional(),
  /** The wait a `timeout` was set for; a timeout for a wait that has passed is ignored. */
  waitKey: z.string().optional(),
  /** The stored consult document (`consult_received`). */
  documentId: z.string().optional(),
  /** The channel that delivered, or the reason it failed (`delivered`, `delivery_failed`). */
  channel: z.string().optional(),
  error: z.string().optional(),
});
export type LoopEvent = z.infer<typeof LoopEvent>;
