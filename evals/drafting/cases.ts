import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { officeContactOf } from '../../retrieval/index.js';
import {
  Address,
  Candidate,
  Coverage,
  GeoPoint,
  Patient,
  Referral,
  Urgency,
} from '../../src/domain/index.js';

export const DRAFTING_CASES_URL = new URL('../datasets/drafting-cases.jsonl', import.meta.url);

/** The specialist a coordinator chose, as the directory knows them (phone and street address too). */
export const ChosenSpecialist = z.object({
  npi: z.string().regex(/^\d{10}$/),
  name: z.string().min(1),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  specialty: z.string().min(1),
  taxonomy: z.string().regex(/^[0-9A-Z]{9}X$/),
  locationName: z.string().min(1),
  phone: z.string().min(10),
  address: Address,
});
export type ChosenSpecialist = z.infer<typeof ChosenSpecialist>;

/**
 * One drafting case: a referral, its patient and the chosen specialist, with what the drafts must
 * say. `letterTerms`: groups of alternatives, each group must appear in the letter.
 * `patientTerms`: lay words (by language, accents dropped), one of which the patient message should use.
 */
export const DraftingCase = z.object({
  id: z.string().min(1),
  condition: z.string().min(1),
  urgency: Urgency,
  reason: z.string().min(1),
  diagnosisCodes: z.array(z.string()),
  clinicalSummary: z.string().nullable(),
  letterTerms: z.array(z.array(z.string().min(1)).min(1)).min(1),
  patientTerms: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  patient: z.object({
    givenName: z.string().min(1),
    familyName: z.string().min(1),
    birthDate: z.iso.date(),
    sex: Patient.shape.sex,
    language: z.string().min(2),
    preferredChannel: Patient.shape.preferredChannel,
    phone: z.string(),
    mrn: z.string(),
    address: Address,
    location: GeoPoint,
  }),
  coverage: Coverage.nullable(),
  specialist: ChosenSpecialist,
});
export type DraftingCase = z.infer<typeof DraftingCase>;

export interface DraftingDataset {
  cases: DraftingCase[];
  /** The first 12 hex digits of the file's SHA-256. */
  version: string;
}

export function loadDraftingCases(url: URL = DRAFTING_CASES_URL): DraftingDataset {
  const text = readFileSync(url, 'utf8');
  const cases = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = DraftingCase.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`drafting case on line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
  const version = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return { cases, version };
}

const PRACTICE_ID = 'eval-practice';
const CREATED_AT = '2025-05-01T09:00:00.000Z';

/** What the drafting agents take for a case: the referral, patient, coverage and the candidate. */
export function agentInputs(c: DraftingCase): {
  referral: Referral;
  patient: Patient;
  coverage: Coverage | null;
  candidate: Candidate;
} {
  const s = c.specialist;
  const referral = Referral.parse({
    id: `ref-${c.id}`,
    practiceId: PRACTICE_ID,
    patientId: `pat-${c.id}`,
    referringProviderId: 'prov-eval',
    reason: c.reason,
    diagnosisCodes: c.diagnosisCodes,
    urgency: c.urgency,
    createdAt: CREATED_AT,
  });
  const patient = Patient.parse({ id: `pat-${c.id}`, ...c.patient });
  const locationId = `loc-${s.npi}`;
  // The location as the directory lists it, for the candidate's office contact.
  const contact = officeContactOf({
    id: locationId,
    name: s.locationName,
    ...s.address,
    position: null,
    phone: s.phone,
    fax: null,
    acceptingNewPatients: true,
  });
  const candidate = Candidate.parse({
    candidateId: `${s.npi}@${locationId}`,
    npi: s.npi,
    name: s.name,
    specialty: s.specialty,
    taxonomy: s.taxonomy,
    networkIds: [],
    locationId,
    locationName: s.locationName,
    city: s.address.city,
    distanceKm: 8,
    waitDays: 10,
    score: 0.8,
    checks: {
      specialtyMatches: true,
      inNetwork: true,
      acceptingNewPatients: true,
      withinDistance: true,
      speaksPatientLanguage: true,
      reachable: true,
    },
    isValid: true,
    factors: [],
    reasons: ['chosen by a coordinator'],
    explanation: 'Chosen by a coordinator.',
    delivery: { channel: 'direct', address: `referrals@${s.npi}.direct.example.org` },
    contact,
  });
  return { referral, patient, coverage: c.coverage, candidate };
}
