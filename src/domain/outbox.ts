import { z } from 'zod';
import { DeliveryChannel } from './directory.js';
import { ContactChannel } from './patient.js';
import { ReferralStatus } from './status.js';

export const SpecialistMessagePurpose = z.enum(['referral', 'follow_up', 'cancellation']);
export type SpecialistMessagePurpose = z.infer<typeof SpecialistMessagePurpose>;

/** An external effect, written in the same transaction as the decision that authorizes it. */
export const OutboxPayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status_writeback'),
    referralId: z.string(),
    status: ReferralStatus,
    note: z.string().optional(),
  }),
  z.object({
    kind: z.literal('specialist_message'),
    referralId: z.string(),
    /** Absent: the referral packet itself (its delivery makes the referral `sent`). */
    purpose: SpecialistMessagePurpose.optional(),
    recipient: z.object({
      npi: z.string(),
      name: z.string(),
      channel: DeliveryChannel,
      address: z.string(),
    }),
    subject: z.string(),
    body: z.string(),
  }),
  z.object({
    kind: z.literal('ehr_task'),
    referralId: z.string(),
    title: z.string(),
    detail: z.string(),
  }),
  z.object({
    kind: z.literal('ehr_document'),
    referralId: z.string(),
    /** Our stored copy (see `ConsultDocuments`). */
    documentId: z.string(),
    title: z.string().min(1).max(200),
    contentType: z.enum(['application/xml', 'text/plain']),
    content: z.string().min(1),
    summary: z.string().max(2000).optional(),
    authorNpi: z.string().optional(),
  }),
  z.object({
    kind: z.literal('patient_message'),
    referralId: z.string(),
    /** The patient's id in the EHR: an identifier, so never in the audit trail. */
    patientId: z.string().min(1),
    channel: ContactChannel,
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a BCP-47 primary language tag')
      .describe('BCP-47 primary language tag the body is written in, e.g. "en", "es"'),
    body: z
      .string()
      .min(1)
      .max(2000)
      .refine((s) => s.trim().length > 0, { message: 'must not be blank' }),
  }),
]);
export type OutboxPayload = z.infer<typeof OutboxPayload>;

/** `withdrawn`: taken back before the relay claimed it (the referral was cancelled first). */
export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed', 'withdrawn'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxMessage {
  id: string;
  idemKey: string;
  practiceId: string;
  referralId: string;
  payload: OutboxPayload;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}
