import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/store/index.js';
import type { MessagePatient, ReferralStatus, Store } from '../../src/domain/index.js';
import { type InboundLookup, matchInbound } from './match-inbound.js';
import { personForms } from './quoted-patient.js';

const PRACTICE = 'p-match';
const LOPEZ = { mrn: 'MRN1', family: 'López', given: 'María', birthDate: '1956-03-14' };
const SMITH = { mrn: 'MRN2', family: 'Smith', given: 'John', birthDate: '1948-11-02' };
const GARCIA = { mrn: 'MRN3', family: 'García-Pérez', given: 'Ana María', birthDate: '1990-04-04' };
const L_BROWN = { mrn: 'MRN4', family: 'Brown', given: 'Linda', birthDate: '1950-06-06' };
const J_BROWN = { mrn: 'MRN5', family: 'Brown', given: 'James', birthDate: '1950-06-06' };

const REFERRALS = [
  { id: 'r-lopez', patient: LOPEZ, npi: '1760000012' },
  { id: 'r-smith', patient: SMITH, npi: '1760000020' },
  { id: 'r-garcia', patient: GARCIA, npi: '1760000020' },
  { id: 'r-lbrown', patient: L_BROWN, npi: '1760000046' },
  { id: 'r-jbrown', patient: J_BROWN, npi: '1760000012' },
];

let close: () => Promise<void>;
let lookup: InboundLookup;
/** Every lookup the matcher made, to see that a confirmed quote needs few. */
let calls = 0;

async function sent(store: Store, id: string): Promise<void> {
  await store.referrals.createReferral({ id, practiceId: PRACTICE, threadId: id });
  const path: ReferralStatus[] = ['search_initiated', 'candidates_identified', 'approved', 'sent'];
  for (const to of path) {
    await store.referrals.applyTransition({
      practiceId: PRACTICE,
      referralId: id,
      to,
      actor: 'test',
      key: `${id}|${to}`,
    });
  }
}

beforeAll(async () => {
  const opened = await openStore({ kind: 'sqlite', path: ':memory:' });
  close = () => opened.close();
  const { store } = opened;
  for (const r of REFERRALS) {
    await sent(store, r.id);
    await store.referrals.setParties(
      PRACTICE,
      r.id,
      { patientId: `pat-${r.patient.mrn}`, ...r.patient, specialistNpi: r.npi },
      '2025-03-01T15:00:00.000Z',
    );
  }
  lookup = {
    getReferral: (id) => store.referrals.getReferral(PRACTICE, id),
    findByParties: (parties) => {
      calls++;
      return store.referrals.findByParties(PRACTICE, parties);
    },
  };
});
afterAll(() => close());

/** The patient as a message names them (the MRN is one of its ids). */
const named = ({ mrn: _, ...person }: typeof LOPEZ) => person;
const quoting = (placerId: string, patient: Partial<MessagePatient>) =>
  matchInbound({ placerId, patient: { ids: [], ...patient }, at: '2025-04-10T14:00:00Z' }, lookup);
const filed = (referralId: string) => ({ kind: 'matched', referralId, by: 'placer' });
const refused = (...referralIds: string[]) => ({
  kind: 'unmatched',
  reason: 'patient_mismatch',
  referralIds,
});

describe('matchInbound: a message quoting our id', () => {
  it('is filed on the quoted referral when it names no patient', async () => {
    expect(await quoting('r-lopez', {})).toEqual(filed('r-lopez'));
  });

  it('is filed when our MRN, or the name and birth date, confirm the patient', async () => {
    expect(await quoting('r-lopez', { ids: ['MRN1'] })).toEqual(filed('r-lopez'));
    expect(await quoting('r-lopez', { ids: ['OFFICE-9', 'MRN1'] })).toEqual(filed('r-lopez'));
    expect(
      await quoting('r-lopez', { family: 'Lopez', given: 'Maria', birthDate: '1956-03-14' }),
    ).toEqual(filed('r-lopez'));
  });

  it.each([
    ['case and accents', { family: 'LOPEZ', given: 'maria' }, 'r-lopez'],
    ['a middle initial', { family: 'Lopez', given: 'Maria E.' }, 'r-lopez'],
    ['a middle name we do not hold', { family: 'Lopez', given: 'Maria Elena' }, 'r-lopez'],
    ['Last^First written the other way round', { family: 'Maria', given: 'Lopez' }, 'r-lopez'],
    ['the other way round with an initial', { family: 'MARIA E', given: 'LOPEZ' }, 'r-lopez'],
    ['spaces for a hyphen', { family: 'GARCIA PEREZ', given: 'ANA MARIA' }, 'r-garcia'],
  ] as const)('keeps a true match despite %s', async (_, name, referralId) => {
    const birthDate = referralId === 'r-lopez' ? LOPEZ.birthDate : GARCIA.birthDate;
    const answer = await quoting(referralId, { ids: ['OFFICE-77'], ...name, birthDate });
    expect(answer).toEqual(filed(referralId));
  });

  it('needs one lookup per identifier when the name is written as we hold it', async () => {
    calls = 0;
    await quoting('r-lopez', { ids: ['MRN1'], ...named(LOPEZ) });
    expect(calls).toBe(2);
  });

  it('is not filed when the name it gives, without MRN or birth date, cannot be confirmed', async () => {
    expect(await quoting('r-lopez', { family: 'Smith', given: 'John' })).toEqual(
      refused('r-lopez'),
    );
    // The index holds no name without its birth date: the right name alone is not confirmed either.
    expect(await quoting('r-lopez', { family: 'Lopez', given: 'Maria' })).toEqual(
      refused('r-lopez'),
    );
    expect(await quoting('r-lopez', { birthDate: LOPEZ.birthDate })).toEqual(refused('r-lopez'));
  });

  it('is not filed when its MRN is another patient’s, listing both referrals', async () => {
    expect(await quoting('r-lopez', { ids: ['MRN2'] })).toEqual(refused('r-lopez', 'r-smith'));
  });

  it('is not filed when only the office’s own MRN is given', async () => {
    expect(await quoting('r-lopez', { ids: ['OFFICE-1'] })).toEqual(refused('r-lopez'));
  });

  it('is not filed when the birth date differs, or the name is another patient’s', async () => {
    expect(
      await quoting('r-lopez', { family: 'Lopez', given: 'Maria', birthDate: '1957-03-14' }),
    ).toEqual(refused('r-lopez'));
    expect(await quoting('r-lbrown', named(J_BROWN))).toEqual(refused('r-lbrown', 'r-jbrown'));
    expect(
      await quoting('r-lopez', { family: 'Smith', given: 'John', birthDate: LOPEZ.birthDate }),
    ).toEqual(refused('r-lopez'));
  });

  it('is not filed when our MRN agrees but the name and birth date are another patient’s', async () => {
    expect(await quoting('r-lopez', { ...named(SMITH), ids: ['MRN1'] })).toEqual(
      refused('r-lopez', 'r-smith'),
    );
    expect(await quoting('r-lopez', { ...named(LOPEZ), ids: ['MRN1', 'MRN2'] })).toEqual(
      refused('r-lopez', 'r-smith'),
    );
  });

  it('falls back to the patient when the quoted id is not ours', async () => {
    expect(await quoting('ORD-1', { ids: ['MRN2'] })).toEqual({
      kind: 'matched',
      referralId: 'r-smith',
      by: 'patient',
    });
  });
});

describe('personForms', () => {
  it('tries the name as written first, then without initials or middle names, then swapped', () => {
    expect(personForms('Lopez', 'Maria E.')).toEqual([
      { family: 'Lopez', given: 'Maria E.' },
      { family: 'Lopez', given: 'Maria' },
      { family: 'Maria E.', given: 'Lopez' },
      { family: 'Maria', given: 'Lopez' },
    ]);
  });

  it('tries one surname of two, and drops forms with no letters', () => {
    expect(personForms('García Pérez', 'Ana')).toContainEqual({ family: 'García', given: 'Ana' });
    expect(personForms('Lopez', '---')).toEqual([]);
  });
});
