import { z } from 'zod';
import { NOTE_KINDS } from './clinical-notes.js';
import { OFFICE_PROFILES } from './offices/index.js';

/** Request bodies the sandbox accepts. Strict objects, so a misspelt field is refused, not lost. */

const Id = z.string().min(1).max(128);
const Text = (max: number) => z.string().min(1).max(max);
const NonBlank = (max: number) =>
  Text(max).refine((s) => s.trim().length > 0, { message: 'must not be blank' });

export const ICD10_CM = /^[A-TV-Z][0-9][0-9AB](\.?[0-9A-TV-Z]{1,4})?$/;

export const CoverageInput = z.strictObject({
  payer_id: Text(64),
  payer_name: Text(200),
  plan_id: Text(64),
  plan_name: Text(200),
  member_id: Text(64),
  is_primary: z.boolean(),
});

export const PatientInput = z.strictObject({
  practice_id: Id.optional(),
  mrn: z
    .string()
    .regex(/^MRN\d{1,12}$/, 'must be MRN followed by digits')
    .optional(),
  given_name: NonBlank(100),
  family_name: NonBlank(100),
  birth_date: z.iso.date(),
  sex: z.enum(['female', 'male', 'other', 'unknown']),
  address: z.strictObject({
    line: NonBlank(200),
    city: NonBlank(100),
    state: z.string().regex(/^[A-Z]{2}$/, 'must be a 2-letter state code'),
    postal_code: z.string().regex(/^\d{5}$/, 'must be 5 digits'),
  }),
  location: z.strictObject({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  }),
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be a BCP-47 primary language tag'),
  preferred_channel: z.enum(['sms', 'email', 'phone', 'portal', 'mail']),
  phone: Text(40).optional(),
  email: z.email().max(254).optional(),
  insurance: z
    .array(CoverageInput)
    .max(5)
    .refine((list) => list.filter((c) => c.is_primary).length <= 1, {
      message: 'at most one coverage may be primary',
    })
    .default([]),
});
export type PatientInput = z.infer<typeof PatientInput>;

export const NoteInput = z.strictObject({
  date: z.iso.date(),
  kind: z.enum(NOTE_KINDS),
  author: NonBlank(200).optional(),
  text: NonBlank(8000),
});
export type NoteInput = z.infer<typeof NoteInput>;

export const NotesInput = z.strictObject({ notes: z.array(NoteInput).min(1).max(50) });

export const ReferralInput = z.strictObject({
  patient_id: Id,
  referring_provider_id: Id,
  reason: NonBlank(4000),
  diagnosis_codes: z.array(z.string().regex(ICD10_CM, 'must be an ICD-10-CM code')).max(20),
  specialty: Text(64).optional(),
  urgency: z.enum(['routine', 'urgent', 'emergent']).default('routine'),
  preferred_radius_km: z.number().positive().max(1000).optional(),
});
export type ReferralInput = z.infer<typeof ReferralInput>;

export const StatusInput = z.strictObject({
  status: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a lower_snake_case status'),
  note: z.string().max(4000).optional(),
});

const Npi = z.string().regex(/^\d{10}$/, 'must be 10 digits');

export const MessageInput = z.strictObject({
  referral_id: Id,
  recipient: z.strictObject({
    npi: Npi,
    name: NonBlank(200),
    channel: z.enum(['fhir', 'direct', 'fax', 'portal']),
    address: NonBlank(500),
  }),
  subject: NonBlank(500),
  body: NonBlank(100_000),
});
export type MessageInput = z.infer<typeof MessageInput>;

/** A message to the patient, in their language, over their contact channel. */
export const PatientMessageInput = z.strictObject({
  referral_id: Id,
  patient_id: Id,
  channel: z.enum(['sms', 'email', 'phone', 'portal', 'mail']),
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be a BCP-47 primary language tag'),
  body: NonBlank(2000),
});
export type PatientMessageInput = z.infer<typeof PatientMessageInput>;

export const TaskInput = z.strictObject({
  referral_id: Id,
  title: NonBlank(500),
  detail: z.string().max(10_000),
});
export type TaskInput = z.infer<typeof TaskInput>;

export const SpecialistResponseInput = z.strictObject({
  type: z.enum(['acknowledged', 'declined', 'scheduled']),
  note: z.string().max(2000).optional(),
  appointment_at: z.iso.datetime({ offset: true }).optional(),
});

export const CancelInput = z.strictObject({ reason: NonBlank(2000).optional() });

/** The most a filed document's content may hold, in UTF-8 bytes. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export const DocumentInput = z.strictObject({
  title: NonBlank(200),
  content_type: z.enum(['application/xml', 'text/plain']),
  content: z
    .string()
    .min(1)
    .max(MAX_DOCUMENT_BYTES)
    .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_DOCUMENT_BYTES, {
      message: 'must be at most 2 MiB',
    }),
  summary: z.string().max(2000).optional(),
  author_npi: Npi.optional(),
});
export type DocumentInput = z.infer<typeof DocumentInput>;

/** `GET /api/referrals?updated_since=` (the changed-since listing). */
export const ChangedSinceQuery = z.object({
  updated_since: z.iso.datetime({ offset: true }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DropWebhooksInput = z.strictObject({
  count: z.number().int().min(1).max(1000),
  types: z
    .array(z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'must be an event type'))
    .min(1)
    .max(20)
    .optional(),
});

export const OfficeProfileInput = z.strictObject({ npi: Npi, profile: z.enum(OFFICE_PROFILES) });

export const FaultInput = z.strictObject({
  target: z.enum(['ehr', 'payer']),
  mode: z.enum(['ok', 'down', 'slow']),
  delay_ms: z.number().int().min(0).max(120_000).optional(),
  fail_count: z.number().int().positive().max(10_000).optional(),
});
export type FaultInput = z.infer<typeof FaultInput>;
