import {
  LANGUAGE_WEIGHTS,
  type Language,
  MEMBER_ID_PREFIX,
  NAMES,
  PLACES,
  PLANS,
  type Plan,
  PROVIDER_NAMES,
  STREETS,
} from './catalog.js';
import { type ClinicalNote, DEMO_NOTES, generateNotes, type NoteDraft } from './clinical-notes.js';
import { npiCheckDigit } from './npi.js';
import { createRng, type Rng } from './rng.js';

export type { Plan } from './catalog.js';
export type { ClinicalNote } from './clinical-notes.js';

export type Sex = 'female' | 'male' | 'other' | 'unknown';
export type ContactChannel = 'sms' | 'email' | 'phone' | 'portal' | 'mail';

export interface Coverage {
  payer_id: string;
  payer_name: string;
  plan_id: string;
  plan_name: string;
  member_id: string;
  is_primary: boolean;
}

export interface Patient {
  id: string;
  practice_id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: Sex;
  address: { line: string; city: string; state: string; postal_code: string };
  location: { lat: number; lon: number };
  language: string;
  preferred_channel: ContactChannel;
  phone?: string;
  email?: string;
  insurance: Coverage[];
}

export interface Provider {
  id: string;
  npi: string;
  name: string;
}

export interface Practice {
  practice_id: string;
  providers: Provider[];
  patients: Patient[];
  /** Each patient's chart, ids `note-000001`.. in patient order. */
  notes: ClinicalNote[];
  plans: Plan[];
}

/** Ages are measured against a fixed date so generation never reads the clock. */
const REFERENCE_YEAR = 2025;
const SEX_WEIGHTS = { female: 50, male: 46, other: 2, unknown: 2 } as const;
const CHANNEL_WEIGHTS = { sms: 35, email: 25, phone: 20, portal: 15, mail: 5 } as const;
const UNDER_65_PLANS = {
  'bluewave-ppo': 25,
  'bluewave-hmo': 20,
  'harborcare-gold': 15,
  'harborcare-silver': 20,
  'oceanstate-medicaid': 20,
} as const;

export function findPlan(planId: string): Plan | undefined {
  return PLANS.find((p) => p.plan_id === planId);
}

/** Builds the synthetic practice; pure and deterministic in its arguments. */
export function generatePractice(seed: number, practiceId: string, patientCount: number): Practice {
  if (!Number.isInteger(patientCount) || patientCount < 0 || patientCount > 9999) {
    throw new Error('patientCount must be an integer between 0 and 9999');
  }
  const rng = createRng(seed);
  const npis = new Set<string>();
  const providers = PROVIDER_NAMES.map((name, i) => {
    let npi = makeNpi(rng);
    while (npis.has(npi)) npi = makeNpi(rng);
    npis.add(npi);
    return { id: `prov-${String(i + 1).padStart(2, '0')}`, npi, name };
  });
  const patients: Patient[] = [];
  const notes: ClinicalNote[] = [];
  for (let n = 1; n <= patientCount; n++) {
    const patient = n === 1 ? demoPatient(practiceId) : randomPatient(rng, practiceId, n);
    patients.push(patient);
    // Notes draw from their own stream, so adding them left the demographics of a seed unchanged.
    const age = REFERENCE_YEAR - Number(patient.birth_date.slice(0, 4));
    const drafts: readonly NoteDraft[] = n === 1 ? DEMO_NOTES : generateNotes(seed, n, age);
    for (const draft of drafts) {
      notes.push({ id: noteId(notes.length + 1), patient_id: patient.id, ...draft });
    }
  }
  return { practice_id: practiceId, providers, patients, notes, plans: PLANS.map(clonePlan) };
}

export function patientId(n: number): string {
  return `pat-${String(n).padStart(4, '0')}`;
}

export function noteId(n: number): string {
  return `note-${String(n).padStart(6, '0')}`;
}

function makeNpi(rng: Rng): string {
  const base = `1${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  return `${base}${npiCheckDigit(base)}`;
}

/** The stable demo patient: English-speaking, BlueWave PPO, Providence 02906, whatever the seed. */
function demoPatient(practiceId: string): Patient {
  return {
    id: patientId(1),
    practice_id: practiceId,
    mrn: 'MRN1000100',
    given_name: 'Avery',
    family_name: 'Demo-Ashgrove',
    birth_date: '1961-04-17',
    sex: 'female',
    address: { line: '120 Hope St', city: 'Providence', state: 'RI', postal_code: '02906' },
    location: { lat: 41.8387, lon: -71.393 },
    language: 'en',
    preferred_channel: 'sms',
    phone: '401-555-0101',
    email: 'avery.demo-ashgrove@example.org',
    insurance: [coverage(mustPlan('bluewave-ppo'), 'BW100000001', true)],
  };
}

function randomPatient(rng: Rng, practiceId: string, n: number): Patient {
  const language: Language = rng.weighted(LANGUAGE_WEIGHTS);
  const sex: Sex = rng.weighted(SEX_WEIGHTS);
  const pool = NAMES[language];
  const nameSex = sex === 'female' || sex === 'male' ? sex : rng.chance(0.5) ? 'female' : 'male';
  const given = rng.pick(pool[nameSex]);
  const family = rng.pick(pool.family);
  const year = rng.int(1935, 2015);
  const birthDate = `${year}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
  const place = rng.pick(PLACES);
  const jitter = () => (rng.next() - 0.5) * 0.02;
  return {
    id: patientId(n),
    practice_id: practiceId,
    mrn: `MRN${1_000_000 + n * 100 + rng.int(0, 99)}`,
    given_name: given,
    family_name: family,
    birth_date: birthDate,
    sex,
    address: {
      line: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
      city: place.city,
      state: 'RI',
      postal_code: place.postal_code,
    },
    location: { lat: round4(place.lat + jitter()), lon: round4(place.lon + jitter()) },
    language,
    preferred_channel: rng.weighted(CHANNEL_WEIGHTS),
    phone: `401-555-01${pad2(n % 100)}`,
    email: `${slug(given)}.${slug(family)}${n}@example.org`,
    insurance: insuranceFor(rng, REFERENCE_YEAR - year),
  };
}

function insuranceFor(rng: Rng, age: number): Coverage[] {
  let primaryId: string;
  if (rng.chance(0.05)) primaryId = 'bluewave-lapsed';
  else if (age >= 65 && rng.chance(0.85)) primaryId = 'medicare-b';
  else primaryId = rng.weighted(UNDER_65_PLANS);
  const primary = mustPlan(primaryId);
  const result = [coverage(primary, memberId(rng, primary), true)];
  if (rng.chance(0.2)) {
    const options = PLANS.filter((p) => p.coverage_active && p.payer_id !== primary.payer_id);
    const secondary = rng.pick(options);
    result.push(coverage(secondary, memberId(rng, secondary), false));
  }
  return result;
}

function coverage(plan: Plan, memberIdValue: string, isPrimary: boolean): Coverage {
  return {
    payer_id: plan.payer_id,
    payer_name: plan.payer_name,
    plan_id: plan.plan_id,
    plan_name: plan.plan_name,
    member_id: memberIdValue,
    is_primary: isPrimary,
  };
}

function memberId(rng: Rng, plan: Plan): string {
  return `${MEMBER_ID_PREFIX[plan.payer_id] ?? 'XX'}${rng.int(100_000_000, 999_999_999)}`;
}

function mustPlan(planId: string): Plan {
  const plan = findPlan(planId);
  if (!plan) throw new Error(`unknown plan ${planId}`);
  return plan;
}

function clonePlan(plan: Plan): Plan {
  return { ...plan, network_ids: [...plan.network_ids] };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]/g, '');
