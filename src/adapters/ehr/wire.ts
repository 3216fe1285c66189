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

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
