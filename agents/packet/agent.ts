import type { Candidate, Coverage, Patient, Referral } from '../../src/domain/index.js';
import { referralLetter } from './prompt.js';

export interface Packet {
  subject: string;
  body: string;
}

/**
 * Drafts the referral packet for one candidate with the minimum necessary clinical content:
 * who, why (reason and codes), how urgent, and the plan, never the full chart.
 */
export function draftPacket(input: {
  referral: Referral;
  patient: Patient;
  coverage: Coverage | null;
  candidate: Candidate;
  note?: string | undefined;
}): Packet {
  return {
    subject: `Referral ${input.referral.id}: ${input.candidate.specialty ?? 'specialist'} (${input.referral.urgency})`,
    body: referralLetter(input),
  };
}
