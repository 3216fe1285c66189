import { z } from 'zod';
import { ReferralStatus } from './status.js';

export const Urgency = z.enum(['routine', 'urgent', 'emergent']);
export type Urgency = z.infer<typeof Urgency>;

/** A referral as the EHR records it (the service never edits it, only writes back a status). */
export const Referral = z.object({
  id: z.string().min(1),
  practiceId: z.string().min(1),
  patientId: z.string().min(1),
  referringProviderId: z.string().min(1),
  reason: z.string().min(1).max(4000),
  diagnosisCodes: z.array(z.string().regex(/^[A-TV-Z][0-9][0-9AB](\.?[0-9A-TV-Z]{1,4})?$/)).max(20),
  specialty: z.string().min(1).optional(),
  urgency: Urgency,
  /** How far the patient will travel, when the provider said; else the configured radius. */
  preferredRadiusKm: z.number().positive().max(500).optional(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Referral = z.infer<typeof Referral>;

export const RolloutMode = z.enum(['shadow', 'assist', 'autonomous']);
export type RolloutMode = z.infer<typeof RolloutMode>;

/** The gates a thread can wait at: two human ones, and the waits for the outside world. */
export const PENDING_INTERRUPT_KINDS = [
  'review',
  'exception',
  'await-delivery',
  'await-response',
  'await-visit',
  'await-consult',
] as const;
export const AWAIT_KINDS = PENDING_INTERRUPT_KINDS.slice(2);

/** The service's own index row for a referral: where it is and what it waits for. */
export const ReferralRecord = z.object({
  id: z.string(),
  practiceId: z.string(),
  threadId: z.string(),
  status: ReferralStatus,
  mode: RolloutMode,
  referralType: z.string(),
  pendingInterruptId: z.string().nullable(),
  pendingInterruptKind: z.enum(PENDING_INTERRUPT_KINDS).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralRecord = z.infer<typeof ReferralRecord>;
export type PendingInterruptKind = NonNullable<ReferralRecord['pendingInterruptKind']>;
