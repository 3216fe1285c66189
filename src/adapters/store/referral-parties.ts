import { createHash } from 'node:crypto';
import {
  type PartyKind,
  type PartyMatch,
  type ReferralParties,
  ReferralStatus,
} from '../../domain/index.js';
import type { StoreContext } from './context.js';

const letters = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();

/**
 * The keys a referral's parties are stored and looked up by: normalized (case, accents, spaces,
 * punctuation) and hashed per practice, so the index holds no readable identifier.
 */
export function partyKeys(practiceId: string, p: ReferralParties): Map<string, PartyKind> {
  const keys = new Map<string, PartyKind>();
  const add = (kind: PartyKind, value: string) => {
    const digest = createHash('sha256').update(`${practiceId}\n${kind}\n${value}`).digest('hex');
    keys.set(`${kind}:${digest.slice(0, 40)}`, kind);
  };
  const mrn = p.mrn?.trim().toUpperCase();
  if (mrn) add('mrn', mrn);
  if (p.family && p.given && p.birthDate) {
    const family = letters(p.family);
    const given = letters(p.given);
    if (family && given) add('person', `${family}|${given}|${p.birthDate}`);
  }
  if (p.specialistNpi) add('npi', p.specialistNpi);
  return keys;
}

export async function setParties(
  ctx: StoreContext,
  practiceId: string,
  referralId: string,
  parties: ReferralParties,
  sentAt: string | null,
): Promise<void> {
  const keys = [...partyKeys(practiceId, parties).keys()];
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('referral_parties')
      .where('practice_id', '=', practiceId)
      .where('referral_id', '=', referralId)
      .execute();
    if (keys.length === 0) return;
    await trx
      .insertInto('referral_parties')
      .values(
        keys.map((party_key) => ({
          practice_id: practiceId,
          referral_id: referralId,
          party_key,
          sent_at: sentAt,
        })),
      )
      .execute();
  });
}

export async function findByParties(
  ctx: StoreContext,
  practiceId: string,
  parties: ReferralParties,
): Promise<PartyMatch[]> {
  const keys = partyKeys(practiceId, parties);
  if (keys.size === 0) return [];
  const rows = await ctx.db
    .selectFrom('referral_parties as p')
    .innerJoin('referrals as r', (j) =>
      j.onRef('r.practice_id', '=', 'p.practice_id').onRef('r.id', '=', 'p.referral_id'),
    )
    .select(['p.referral_id', 'p.party_key', 'p.sent_at', 'r.status'])
    .where('p.practice_id', '=', practiceId)
    .where('p.party_key', 'in', [...keys.keys()])
    .orderBy('p.referral_id')
    .execute();
  const byReferral = new Map<string, PartyMatch>();
  for (const row of rows) {
    const match = byReferral.get(row.referral_id) ?? {
      referralId: row.referral_id,
      status: ReferralStatus.parse(row.status),
      sentAt: row.sent_at,
      matched: [],
    };
    const kind = keys.get(row.party_key);
    if (kind) match.matched.push(kind);
    byReferral.set(row.referral_id, match);
  }
  return [...byReferral.values()];
}
