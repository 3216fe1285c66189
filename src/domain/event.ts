import { z } from 'zod';

export const REFERRAL_EVENT_TYPES = [
  'referral.created',
  'referral.acknowledged',
  'referral.declined',
  'referral.scheduled',
  'referral.cancelled',
] as const;
export const ReferralEventType = z.enum(REFERRAL_EVENT_TYPES);
export type ReferralEventType = z.infer<typeof ReferralEventType>;

const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/** The webhook envelope the EHR posts (thin payload: ids only, PHI is fetched through the API). */
export const ReferralEvent = z.strictObject({
  type: ReferralEventType,
  timestamp: z.iso.datetime({ offset: true }),
  data: z.object({
    referral_id: Id,
    practice_id: Id,
    note: z.string().max(2000).optional(),
    appointment_at: z.iso.datetime({ offset: true }).optional(),
  }),
});
export type ReferralEvent = z.infer<typeof ReferralEvent>;
