/** What the simulated specialist offices know and do, independent of the practice's EHR. */

export const OFFICE_PROFILES = ['prompt', 'slow', 'silent', 'declines', 'no_shows'] as const;
export type OfficeProfile = (typeof OFFICE_PROFILES)[number];

/** The patient as the referral packet names them. */
export interface OfficePatient {
  mrn: string;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD. */
  birth_date: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  address: { line: string; city: string; state: string; postal_code: string };
}

export interface OfficeReferral {
  id: string;
  reason: string;
  diagnosis_codes: readonly string[];
  specialty: string | null;
}

/** The office and its specialist, named after the packet's recipient. */
export interface OfficeProvider {
  npi: string;
  office_name: string;
  family: string;
  given: string;
}

export type StepKind =
  | 'acknowledge'
  | 'decline'
  | 'book'
  | 'reschedule'
  | 'no_show'
  | 'visit'
  | 'consult_note';

/** MSH-9 of each step: type^trigger^structure. */
export const MESSAGE_TYPES: Readonly<Record<StepKind, string>> = {
  acknowledge: 'REF^I12^REF_I12',
  decline: 'REF^I12^REF_I12',
  book: 'SIU^S12^SIU_S12',
  reschedule: 'SIU^S13^SIU_S12',
  no_show: 'SIU^S26^SIU_S12',
  visit: 'ADT^A04^ADT_A01',
  consult_note: 'MDM^T02^MDM_T02',
};

/** One message an office will send, and the times it reports. */
export interface PlannedStep {
  kind: StepKind;
  dueAt: Date;
  /** The appointment the step books, moves or reports missed. */
  appointmentAt?: Date;
  /** When the patient was seen (visit and consult note). */
  visitAt?: Date;
  /** Why the office declines. */
  reason?: string;
}
