import { z } from 'zod';

/** The RevolutionEHR-shaped wire format (snake_case), as the sandbox and the vendor serve it. */
export const WirePatient = z.object({
  id: z.string(),
  mrn: z.string().nullish(),
  given_name: z.string(),
  family_name: z.string(),
  birth_date: z.string(),
  sex: z.enum(['female', 'male', 'other', 'unknown']),
  address: z.object({
    line: z.string(),
    city: z.string(),
    state: z.string(),
    postal_code: z.string(),
  }),
  location: z.object({ lat: z.number(), lon: z.number() }),
  language: z.string(),
  preferred_channel: z.enum(['sms', 'email', 'phone', 'portal', 'mail']),
  phone: z.string().nullish(),
  email: z.string().nullish(),
});

export const WireCoverage = z.object({
  payer_id: z.string(),
  payer_name: z.string(),
  plan_id: z.string(),
  plan_name: z.string(),
  member_id: z.string(),
  is_primary: z.boolean(),
});

export const WireReferral = z.object({
  id: z.string(),
  practice_id: z.string(),
  patient_id: z.string(),
  referring_provider_id: z.string(),
  reason: z.string(),
  diagnosis_codes: z.array(z.string()),
  specialty: z.string().nullish(),
  urgency: z.enum(['routine', 'urgent', 'emergent']).nullish(),
  preferred_radius_km: z.number().nullish(),
  created_at: z.string(),
});

export const WireClinicalNote = z.object({
  id: z.string(),
  patient_id: z.string(),
  date: z.string(),
  kind: z.enum(['progress', 'exam', 'history', 'medication', 'other']),
  author: z.string().nullish(),
  text: z.string(),
});

export const WireProvider = z.object({ id: z.string(), npi: z.string(), name: z.string() });

export const WireNetworkStatus = z.object({
  payer_id: z.string(),
  plan_id: z.string(),
  coverage_active: z.boolean(),
  network_ids: z.array(z.string()),
});

export const WireCreated = z.object({ id: z.string() });

/** A referral as the change feed lists it: only the fields the reconciler reads. */
export const WireReferralChange = z.object({
  id: z.string(),
  practice_id: z.string(),
  status: z.string(),
  created_at: z.string().nullish(),
  updated_at: z.string(),
  status_history: z.array(z.object({ status: z.string() })).nullish(),
  specialist_responses: z
    .array(
      z.object({
        type: z.string(),
        at: z.string(),
        note: z.string().nullish(),
        appointment_at: z.string().nullish(),
      }),
    )
    .nullish(),
  cancelled_at: z.string().nullish(),
  cancellation_reason: z.string().nullish(),
});

/**
 * `GET /api/referrals?updated_since=`: every entry must carry an id and a valid `updated_at` (the
 * feed cannot be paged past one without it); the rest is checked entry by entry.
 */
export const WireChangePage = z.object({
  data: z.array(z.looseObject({ id: z.string(), updated_at: z.iso.datetime({ offset: true }) })),
  next_cursor: z.string().min(1).nullish(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
