import { AppError, type Patient } from '../../src/domain/index.js';
import type { KnownIdentifiers } from './known-identifiers.js';

export const AGE_BANDS = [
  '0-4',
  '5-11',
  '12-17',
  '18-29',
  '30-39',
  '40-49',
  '50-59',
  '60-69',
  '70-79',
  '80-89',
  '90+',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

const LOWER_BOUNDS = [0, 5, 12, 18, 30, 40, 50, 60, 70, 80, 90];

function utcDate(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().startsWith(value.trim()) ? date : null;
}

/** The patient's age in an allow-listed band ("60-69", "90+"; "0-4", "5-11", "12-17" for children). */
export function ageBand(birthDate: string, today: string | Date): AgeBand {
  const born = utcDate(birthDate);
  const now = utcDate(today);
  if (!born || !now || born > now) {
    throw new AppError('VALIDATION_FAILED', 'ageBand needs an ISO birth date on or before today');
  }
  const hadBirthday =
    now.getUTCMonth() > born.getUTCMonth() ||
    (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() >= born.getUTCDate());
  const age = now.getUTCFullYear() - born.getUTCFullYear() - (hadBirthday ? 0 : 1);
  const index = LOWER_BOUNDS.findLastIndex((lower) => age >= lower);
  return AGE_BANDS[index] ?? '0-4';
}

/** Three-digit ZIP prefixes covering 20,000 people or fewer (HHS Safe Harbor guidance, 2000 census). */
export const RESTRICTED_ZIP3 = new Set([
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
]);

/** The Safe Harbor ZIP: its first three digits, or "000" where that area is too small. */
export function zip3(postalCode: string): string {
  const prefix = /^(\d{3})\d{2}(?:-?\d{4})?$/.exec(postalCode.trim())?.[1];
  if (!prefix) throw new AppError('VALIDATION_FAILED', 'zip3 needs a 5- or 9-digit US ZIP code');
  return RESTRICTED_ZIP3.has(prefix) ? '000' : prefix;
}

/** Everything in a patient record that identifies them, for `deidentify`. */
export function knownIdentifiersOf(
  patient: Patient,
  extras: { mrn?: string | undefined; memberId?: string | undefined } = {},
): KnownIdentifiers {
  return {
    patientId: patient.id,
    givenName: patient.givenName,
    familyName: patient.familyName,
    birthDate: patient.birthDate,
    phones: patient.phone ? [patient.phone] : [],
    emails: patient.email ? [patient.email] : [],
    addressLine: patient.address.line,
    city: patient.address.city,
    postalCode: patient.address.postalCode,
    ...(extras.mrn ? { mrn: extras.mrn } : {}),
    ...(extras.memberId ? { memberId: extras.memberId } : {}),
  };
}

/** The allow-listed demographic context an LLM prompt may carry about the patient. */
export interface PatientPromptContext {
  ageBand: AgeBand;
  sex: Patient['sex'];
  zip3: string;
  state: string;
  language: string;
}

/** Builds the allow-listed context for `patient`; nothing in it identifies them. */
export function patientPromptContext(patient: Patient, today: string | Date): PatientPromptContext {
  return {
    ageBand: ageBand(patient.birthDate, today),
    sex: patient.sex,
    zip3: zip3(patient.address.postalCode),
    state: patient.address.state,
    language: patient.language,
  };
}
