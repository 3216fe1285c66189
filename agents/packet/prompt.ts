import type { Candidate, Coverage, Patient, Referral } from '../../src/domain/index.js';
import { recipientLines } from './recipient.js';

/** The letter template (deterministic today; the LLM issue adds a drafted variant beside it). */
export function referralLetter(ctx: {
  referral: Referral;
  patient: Patient;
  coverage: Coverage | null;
  candidate: Candidate;
  note?: string | undefined;
}): string {
  const { referral, patient, coverage, candidate } = ctx;
  return [
    ...recipientLines(candidate),
    `Re: ${patient.givenName} ${patient.familyName}, born ${patient.birthDate}`,
    `Urgency: ${referral.urgency}`,
    `Reason for referral: ${referral.reason}`,
    `Diagnoses (ICD-10-CM): ${referral.diagnosisCodes.join(', ') || 'none coded'}`,
    `Insurance: ${coverage ? `${coverage.payerName}, ${coverage.planName}` : 'none on file'}`,
    `Patient's preferred language: ${patient.language}`,
    ...(ctx.note ? [`Note from the practice: ${ctx.note}`] : []),
    'Please acknowledge this referral and send the consult note back to the referring practice.',
  ].join('\n');
}
