import type { MessagePatient, PartyMatch, ReferralParties } from '../../src/domain/index.js';

/**
 * How the patient a message names stands against the patient of the referral whose id it quotes:
 * it names no one, an identifier of ours confirms it, one points to another patient we hold (the
 * referrals it points to), or nothing confirms it.
 */
export type QuotedPatient =
  | { kind: 'unnamed' }
  | { kind: 'same' }
  | { kind: 'other'; referralIds: string[] }
  | { kind: 'unconfirmed' };

type FindByParties = (parties: ReferralParties) => Promise<PartyMatch[]>;

/** What one kind of identifier says: the quoted referral's patient, someone else we hold, or no one. */
type Verdict = { kind: 'same' } | { kind: 'other'; referralIds: string[] } | { kind: 'unknown' };

/** PID-3 repetitions looked up: the office's own MRN often comes before ours. */
const MAX_IDS = 4;

/** How the party index compares names: letters only, upper case, accents dropped. */
const letters = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();

const words = (s: string) => s.split(/[\s.,]+/).filter((w) => letters(w) !== '');

/** A given name as written, without initials, and the first name alone. */
function givenForms(given: string): string[] {
  const named = words(given).filter((w) => letters(w).length > 1);
  return [given, named.join(' '), named[0] ?? ''];
}

/** A family name as written, and its first word (one of two surnames). */
function familyForms(family: string): string[] {
  const [first = ''] = words(family);
  return [family, letters(first).length > 1 ? first : ''];
}

/**
 * The ways a sender may have written the referral's patient: as the message has it first, then
 * without middle names or initials, with one surname of two, and with family and given swapped
 * (a `Last^First` name read the other way round). Compared as the party index compares names.
 */
export function personForms(family: string, given: string): { family: string; given: string }[] {
  const seen = new Set<string>();
  const forms: { family: string; given: string }[] = [];
  for (const [f, g] of [
    [family, given],
    [given, family],
  ] as const) {
    for (const fam of familyForms(f)) {
      for (const giv of givenForms(g)) {
        const key = `${letters(fam)}|${letters(giv)}`;
        if (letters(fam) === '' || letters(giv) === '' || seen.has(key)) continue;
        seen.add(key);
        forms.push({ family: fam, given: giv });
      }
    }
  }
  return forms;
}

const verdictOf = (referralId: string, hits: readonly string[]): Verdict =>
  hits.includes(referralId)
    ? { kind: 'same' }
    : hits.length > 0
      ? { kind: 'other', referralIds: [...hits] }
      : { kind: 'unknown' };

/** Each MRN on its own: one that is another patient's contradicts, whatever the others say. */
async function mrnVerdict(
  ids: readonly string[],
  referralId: string,
  find: FindByParties,
): Promise<Verdict> {
  const verdicts: Verdict[] = [];
  for (const mrn of ids.slice(0, MAX_IDS)) {
    const found = await find({ mrn });
    const hits = found.filter((m) => m.matched.includes('mrn')).map((m) => m.referralId);
    verdicts.push(verdictOf(referralId, hits));
  }
  return (
    verdicts.find((v) => v.kind === 'other') ??
    verdicts.find((v) => v.kind === 'same') ?? { kind: 'unknown' }
  );
}

/** The most literal form of the name that is someone's decides. */
async function personVerdict(
  patient: { family: string; given: string; birthDate: string },
  referralId: string,
  find: FindByParties,
): Promise<Verdict> {
  for (const form of personForms(patient.family, patient.given)) {
    const found = await find({ ...form, birthDate: patient.birthDate });
    const hits = found.filter((m) => m.matched.includes('person')).map((m) => m.referralId);
    if (hits.length > 0) return verdictOf(referralId, hits);
  }
  return { kind: 'unknown' };
}

/**
 * Checks the patient a message names against the referral whose id it quotes, through the party
 * index (keyed hashes of the MRN, and of family name, given name and birth date together). An
 * identifier that points to another patient we hold contradicts the quote, whatever else agrees;
 * otherwise one of ours that confirms it is enough. A patient the index can neither confirm nor
 * place (a name without a birth date, only the office's own MRN, a name and birth date that are no
 * referral's) is not confirmed: the quote alone does not decide once the message names someone.
 */
export async function checkQuotedPatient(
  patient: MessagePatient,
  referralId: string,
  find: FindByParties,
): Promise<QuotedPatient> {
  const { ids, family, given, birthDate } = patient;
  if (ids.length === 0 && !family && !given && !birthDate) return { kind: 'unnamed' };
  const verdicts = [
    ids.length > 0 ? await mrnVerdict(ids, referralId, find) : null,
    family && given && birthDate
      ? await personVerdict({ family, given, birthDate }, referralId, find)
      : null,
  ].filter((v): v is Verdict => v !== null);
  const elsewhere = verdicts.flatMap((v) => (v.kind === 'other' ? v.referralIds : []));
  if (elsewhere.length > 0) return { kind: 'other', referralIds: [...new Set(elsewhere)] };
  return verdicts.some((v) => v.kind === 'same') ? { kind: 'same' } : { kind: 'unconfirmed' };
}
