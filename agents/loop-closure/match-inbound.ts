import type {
  MessagePatient,
  PartyMatch,
  ReferralParties,
  ReferralRecord,
  ReferralStatus,
} from '../../src/domain/index.js';

/** Which referral an inbound message or document is about, or why a person must decide. */
export type InboundMatch =
  | { kind: 'matched'; referralId: string; by: 'placer' | 'patient' }
  | { kind: 'unmatched'; reason: 'no_referral' | 'patient_mismatch' }
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
 * Finds the referral a message is about. Our id echoed by the office (the placer number) decides,
 * unless the message names another patient. Otherwise the patient (MRN, or name and birth date)
 * narrowed by the specialist's NPI and the date: exactly one open referral matches, or a person
 * decides. Nothing is filed against a referral of another patient.
 */
export async function matchInbound(
  message: { placerId?: string; patient: MessagePatient; providerNpi?: string; at?: string },
  lookup: InboundLookup,
): Promise<InboundMatch> {
  const parties = patientParties(message.patient);
  const samePatient = async (referralId: string) => {
    if (!namesPatient(message.patient)) return true;
    const matches = await lookup.findByParties(parties);
    return matches.some((m) => m.referralId === referralId);
  };
  if (message.placerId) {
    const placed = await lookup.getReferral(message.placerId);
    if (placed) {
      return (await samePatient(placed.id))
        ? { kind: 'matched', referralId: placed.id, by: 'placer' }
        : { kind: 'unmatched', reason: 'patient_mismatch' };
    }
  }
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
