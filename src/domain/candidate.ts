import { z } from 'zod';
import { DeliveryChannel } from './directory.js';

/** Each business rule a candidate is checked against before anyone may choose it. */
export const CandidateChecks = z.object({
  specialtyMatches: z.boolean(),
  inNetwork: z.boolean(),
  acceptingNewPatients: z.boolean(),
  withinDistance: z.boolean(),
  speaksPatientLanguage: z.boolean(),
  /** The directory gives a channel to send the packet by. */
  reachable: z.boolean(),
});
export type CandidateChecks = z.infer<typeof CandidateChecks>;

export const RANKING_FACTORS = [
  'specificity',
  'distance',
  'wait_time',
  'rating',
  'loop_closure',
  'language',
  'text_relevance',
] as const;

/** One term of a candidate's score: its normalized value (0–1), weight, and where the value came from. */
export const RankingFactor = z.object({
  name: z.enum(RANKING_FACTORS),
  value: z.number(),
  weight: z.number(),
  contribution: z.number(),
  source: z.string(),
});
export type RankingFactor = z.infer<typeof RankingFactor>;

/**
 * The office a candidate is ranked at, as the directory lists it: for the letter and the patient
 * message to name, never a recipient. Each part is null when the directory does not give it.
 */
export const OfficeContact = z.object({
  /** As people dial it: "(217) 555-0142" for a US number. */
  phone: z.string().min(1).nullable(),
  /** The street line, e.g. "1200 Oak Street, Suite 300". */
  line: z.string().min(1).nullable(),
  city: z.string().min(1).nullable(),
  state: z.string().min(1).nullable(),
  postalCode: z.string().min(1).nullable(),
});
export type OfficeContact = z.infer<typeof OfficeContact>;

/** The street address on one line ("1 Oak St, Springfield, IL 62704"); null without a street. */
export function streetAddressOf(contact: OfficeContact | undefined): string | null {
  if (!contact?.line) return null;
  const region = [contact.state, contact.postalCode].filter(Boolean).join(' ');
  return [contact.line, contact.city, region].filter(Boolean).join(', ');
}

/** A specialist at one location, ranked for one referral, with the reasons for its place. */
export const Candidate = z.object({
  candidateId: z.string().min(1).describe('Stable id: "<npi>@<location id>"'),
  npi: z.string().regex(/^\d{10}$/),
  name: z.string().min(1),
  /** The acceptable specialty this candidate qualifies as (its label), null when none. */
  specialty: z.string().min(1).nullable(),
  /** The NUCC taxonomy that qualifies it, null when none does. */
  taxonomy: z
    .string()
    .regex(/^[0-9A-Z]{9}X$/)
    .nullable(),
  /** The practitioner's networks, as the directory lists them. */
  networkIds: z.array(z.string()),
  locationId: z.string().min(1),
  locationName: z.string().min(1),
  city: z.string().min(1),
  distanceKm: z.number().nonnegative(),
  waitDays: z.number().nonnegative().nullable(),
  score: z.number(),
  checks: CandidateChecks,
  isValid: z.boolean().describe('True when every check passed'),
  factors: z.array(RankingFactor),
  reasons: z.array(z.string().min(1)).min(1),
  /** One plain-language sentence on why it ranks where it does. */
  explanation: z.string().min(1),
  /** Where the packet goes: from the directory, never from a model; null when it gives none. */
  delivery: z.object({ channel: DeliveryChannel, address: z.string().min(1) }).nullable(),
  /** The location's phone and street address; absent on candidates ranked before it was kept. */
  contact: OfficeContact.optional(),
});
export type Candidate = z.infer<typeof Candidate>;
