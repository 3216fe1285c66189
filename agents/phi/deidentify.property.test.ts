import { describe, expect, it } from 'vitest';
import { deidentify } from './deidentify.js';
import type { KnownIdentifiers } from './known-identifiers.js';

const SEED = 20_240_611;
const RUNS = 1000;

/** mulberry32: small, seedable, good enough to spread test data. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  return { int, pick, digits };
}
type Rng = ReturnType<typeof rng>;

const SYLLABLES = [
  'zor',
  'vel',
  'qua',
  'mir',
  'tes',
  'dra',
  'lun',
  'kor',
  'bex',
  'yan',
  'pri',
  'sol',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'];
const SUFFIXES = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Lane', 'Drive', 'Court', 'Way'];

const word = (r: Rng) => {
  const w = Array.from({ length: r.int(2, 3) }, () => r.pick(SYLLABLES)).join('');
  return w[0]?.toUpperCase() + w.slice(1);
};
const pad = (n: number) => String(n).padStart(2, '0');

function dateForms(y: number, m: number, d: number): string[] {
  const month = MONTHS[m - 1] ?? 'March';
  return [
    `${y}-${pad(m)}-${pad(d)}`,
    `${m}/${d}/${y}`,
    `${pad(m)}/${pad(d)}/${y}`,
    `${pad(m)}/${pad(d)}/${String(y).slice(2)}`,
    `${month} ${d}, ${y}`,
    `${month.slice(0, 3)} ${d} ${y}`,
    `${d} ${month} ${y}`,
    `${pad(d)}-${month.slice(0, 3).toUpperCase()}-${y}`,
  ];
}

function phoneForms(area: string, exchange: string, line: string): string[] {
  return [
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `+1 ${area} ${exchange} ${line}`,
  ];
}

/** A fake patient, a fake clinician, and a note planting their values in random forms. */
function identity(r: Rng) {
  const given = word(r);
  const family = word(r);
  const [y, m, d] = [r.int(1925, 2015), r.int(1, 8), r.int(1, 28)];
  const phone = [String(r.int(201, 989)), String(r.int(200, 999)), r.digits(4)] as const;
  const email = `${given}.${family}${r.int(1, 99)}@mail${r.int(1, 9)}.example.com`.toLowerCase();
  const mrn = String(r.int(1, 9)) + r.digits(r.int(5, 8));
  const memberId = `${r.pick(['W', 'XJ', 'BW'])}${r.digits(9)}`;
  const street = `${r.int(1, 9999)} ${word(r)} ${r.pick(SUFFIXES)}`;
  const city = `${word(r)}${r.pick(['ville', 'ton', 'burg', ' Falls'])}`;
  const zip = String(r.int(10_000, 99_999));
  const known: KnownIdentifiers = {
    givenName: given,
    familyName: family,
    birthDate: `${y}-${pad(m)}-${pad(d)}`,
    phones: [phoneForms(...phone)[0] ?? ''],
    emails: [email],
    mrn,
    memberId,
    addressLine: street,
    city,
    postalCode: zip,
  };
  const doctor = [word(r), word(r)] as const;
  const other = {
    phone: r.pick(phoneForms(String(r.int(201, 989)), String(r.int(200, 999)), r.digits(4))),
    email: `${word(r)}@${word(r)}.example.org`.toLowerCase(),
    date: r.pick(dateForms(r.int(2000, 2025), r.int(1, 8), r.int(1, 28))),
    ssn: `${r.int(100, 665)}-${r.int(10, 99)}-${r.int(1000, 9999)}`,
    memberId: `${r.pick(['AB', 'ZQ'])}${r.digits(8)}`,
    url: `https://${word(r).toLowerCase()}.example.net/r/${r.digits(5)}`,
    ip: `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
  };
  const planted = {
    name: r.pick([
      `${given} ${family}`,
      `${family}, ${given}`,
      `${given.toUpperCase()} ${family.toUpperCase()}`,
    ]),
    family: r.pick([family, `${family}'s`, family.toUpperCase()]),
    given,
    dob: r.pick(dateForms(y, m, d)),
    phone: r.pick([...phoneForms(...phone), phone.join('')]),
    email: r.pick([email, email.toUpperCase()]),
    street: r.pick([street, street.toUpperCase()]),
  };
  const sentences = [
    `Pt ${planted.name}, DOB ${planted.dob}, MRN ${mrn}.`,
    `${planted.family} IOP 22 mmHg OD; VA 20/40 OS; E11.3293; latanoprost 0.005% OU since 2019.`,
    `Lives at ${planted.street}, ${city}, RI ${zip}. Phone ${planted.phone}; email ${planted.email}.`,
    `Insurance member ID ${memberId}. ${planted.given} prefers mornings.`,
    `Seen by Dr. ${doctor[0]} ${doctor[1]} on ${other.date}; ${doctor[1]} will call back at ${other.phone}.`,
    `Daughter's email ${other.email}; SSN ${other.ssn}; policy # ${other.memberId}.`,
    `Portal ${other.url} from ${other.ip}.`,
  ];
  const values = [
    ...Object.values(planted),
    mrn,
    memberId,
    city,
    zip,
    ...doctor,
    ...Object.values(other),
  ].map((v) => v.replace(/'s$/, ''));
  return { known, note: sentences.join(' '), values };
}

describe('deidentify over generated identities', () => {
  it(`leaves none of the planted values in ${RUNS} notes (seed ${SEED})`, {
    timeout: 60_000,
  }, () => {
    const r = rng(SEED);
    for (let run = 0; run < RUNS; run++) {
      const { known, note, values } = identity(r);
      const { text } = deidentify(note, known);
      const lower = text.toLowerCase();
      const survivors = values.filter((v) => lower.includes(v.toLowerCase()));
      expect(survivors, `run ${run} (seed ${SEED}): ${note}\n→ ${text}`).toEqual([]);
      for (const term of ['IOP 22 mmHg OD', 'VA 20/40 OS', 'E11.3293', '0.005% OU', '2019']) {
        expect(text, `run ${run} (seed ${SEED})`).toContain(term);
      }
    }
  });
});
