import type {
  MessagePatient,
  PartyMatch,
  ReferralParties,
  ReferralRecord,
  ReferralStatus,
} from '../../src/domain/index.js';
import { checkQuotedPatient } from './quoted-patient.js';

/**
 * Which referral an inbound message or document is about, or why a person must decide. A message
 * quoting our id for another patient (or one we cannot confirm) names the candidates: the quoted
 * referral first, then any its patient's identifiers point to.
 */
export type InboundMatch =
  | { kind: 'matched'; referralId: string; by: 'placer' | 'patient' }
  | { kind: 'unmatched'; reason: 'no_referral' }
  | { kind: 'unmatched'; reason: 'patient_mismatch'; referralIds: string[] }
  | { kind: 'ambiguous'; referralIds: string[] };

export interface InboundLookup {
  getReferral(referralId: string): Promise<ReferralRecord | undefined>;
  findByParties(parties: ReferralParties): Promise<PartyMatch[]>;
}

/** Where nothing more can be filed: the loop is over. */
const CLOSED: readonly ReferralStatus[] = ['closed', 'cancelled', 'expired', 'rejected'];
/** An office answers after we sent; a day of slack for clocks and time zones. */
const SLACK_MS = 24 * 3_600_000;

const patientParties = (p: MessagePatient): ReferralParties => ({
  ...(p.ids[0] ? { mrn: p.ids[0] } : {}),
  ...(p.family ? { family: p.family } : {}),
  ...(p.given ? { given: p.given } : {}),
  ...(p.birthDate ? { birthDate: p.birthDate } : {}),
});

const namesPatient = (p: MessagePatient) =>
  p.ids.length > 0 || Boolean(p.family && p.given && p.birthDate);

/**
 * Finds the referral a message is about. Our id echoed by the office (the placer number) decides
 * when the message names no patient, or names one our identifiers confirm as that referral's
 * (`checkQuotedPatient`); a patient it contradicts or cannot confirm goes to a person. Without our
 * id, the patient (MRN, or name and birth date) narrowed by the specialist's NPI and the date:
 * exactly one open referral matches, or a person decides. Nothing is filed against a referral of
 * another patient.
 */
export async function matchInbound(
  message: { placerId?: string; patient: MessagePatient; providerNpi?: string; at?: string },
  lookup: InboundLookup,
): Promise<InboundMatch> {
  if (message.placerId) {
    const placed = await lookup.getReferral(message.placerId);
    if (placed) {
      const quoted = await checkQuotedPatient(message.patient, placed.id, (parties) =>
        lookup.findByParties(parties),
      );
      if (quoted.kind === 'unnamed' || quoted.kind === 'same') {
        return { kind: 'matched', referralId: placed.id, by: 'placer' };
      }
      const others = quoted.kind === 'other' ? quoted.referralIds : [];
      const referralIds = [placed.id, ...others.filter((id) => id !== placed.id)];
      return { kind: 'unmatched', reason: 'patient_mismatch', referralIds };
    }
  }
  const parties = patientParties(message.patient);
  if (!namesPatient(message.patient)) return { kind: 'unmatched', reason: 'no_referral' };
  const found = await lookup.findByParties({
    ...parties,
    ...(message.providerNpi ? { specialistNpi: message.providerNpi } : {}),
  });
  const at = message.at ? Date.parse(message.at) : Number.NaN;
  let open = found.filter(
    (m) =>
      !CLOSED.includes(m.status) &&
      (m.matched.includes('mrn') || m.matched.includes('person')) &&
      (Number.isNaN(at) || !m.sentAt || at >= Date.parse(m.sentAt) - SLACK_MS),
  );
  if (open.some((m) => m.matched.includes('npi'))) {
    open = open.filter((m) => m.matched.includes('npi'));
  }
  const [only] = open;
  if (open.length === 1 && only)
    return { kind: 'matched', referralId: only.referralId, by: 'patient' };
  if (open.length === 0) return { kind: 'unmatched', reason: 'no_referral' };
  return { kind: 'ambiguous', referralIds: open.map((m) => m.referralId) };
}
