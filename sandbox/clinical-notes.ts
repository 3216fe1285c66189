import { PROVIDER_NAMES } from './catalog.js';
import { createRng, type Rng } from './rng.js';

export const NOTE_KINDS = ['progress', 'exam', 'history', 'medication', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** A clinical note as the API answers it. */
export interface ClinicalNote {
  id: string;
  patient_id: string;
  date: string;
  kind: NoteKind;
  author: string | null;
  text: string;
}

export type NoteDraft = Omit<ClinicalNote, 'id' | 'patient_id'>;

interface Template {
  /** Youngest age (at the reference year) the note is plausible for. */
  minAge: number;
  maxAge?: number;
  /** True for eye care; false for the unrelated history a chart also carries. */
  eye: boolean;
  make(rng: Rng): { kind: NoteKind; text: string; outside?: boolean };
}

/** Notes are dated in this window, before any referral the running sandbox receives. */
const FIRST_DAY = Date.UTC(2022, 0, 1);
const LAST_DAY = Date.UTC(2025, 11, 31);
const DAY_MS = 86_400_000;

const acuity = (rng: Rng) => rng.pick(['20/20', '20/25', '20/30', '20/40', '20/50', '20/70']);
const eye = (rng: Rng) => rng.pick(['right', 'left']);

const TEMPLATES: readonly Template[] = [
  {
    minAge: 25,
    eye: true,
    make: (rng) => ({
      kind: 'exam',
      text:
        `Diabetic eye exam. Type 2 diabetes for ${rng.int(2, 25)} years, last HbA1c ` +
        `${rng.int(6, 10)}.${rng.int(0, 9)}%. VA cc ${acuity(rng)} OD, ${acuity(rng)} OS. ` +
        `IOP ${rng.int(12, 20)}/${rng.int(12, 20)} mmHg. Dilated fundus exam: ${rng.pick([
          'no diabetic retinopathy OU',
          'mild nonproliferative diabetic retinopathy OU, scattered dot-blot hemorrhages, no macular edema',
          'moderate NPDR OS with microaneurysms and hard exudates near the fovea; OCT shows early center-involving macular edema OS',
        ])}. Plan: ${rng.pick(['repeat in 12 months', 'repeat in 6 months', 'OCT at next visit'])}.`,
    }),
  },
  {
    minAge: 40,
    eye: true,
    make: (rng) => ({
      kind: 'progress',
      text:
        `Glaucoma follow-up. IOP ${rng.int(14, 28)} OD / ${rng.int(14, 28)} OS (Goldmann, ` +
        `${rng.pick(['morning', 'afternoon'])}). C/D ratio 0.${rng.int(4, 8)} OD, 0.${rng.int(4, 8)} ` +
        `OS. Central corneal thickness ${rng.int(490, 590)} um. Visual field 24-2: ${rng.pick([
          'full OU',
          'early superior arcuate defect OD',
          'nasal step OS, stable from last year',
        ])}. Continue latanoprost 0.005% qhs OU; recheck pressure in 3 months.`,
    }),
  },
  {
    minAge: 55,
    eye: true,
    make: (rng) => ({
      kind: 'exam',
      text:
        `Macular check. VA cc ${acuity(rng)} OD, ${acuity(rng)} OS. Fundus: ${rng.pick([
          'scattered small hard drusen OU',
          'intermediate soft drusen OU with pigment mottling',
          'large confluent drusen OS, geographic atrophy not involving the fovea',
        ])}. Amsler grid ${rng.pick(['normal OU', 'mild distortion OS'])}. ` +
        'Continue AREDS2 supplement; home Amsler grid weekly.',
    }),
  },
  {
    minAge: 50,
    eye: true,
    make: (rng) => ({
      kind: 'exam',
      text:
        `Reports glare and halos driving at night. BCVA ${acuity(rng)} OD, ${acuity(rng)} OS. ` +
        `Slit lamp: ${rng.int(1, 3)}+ nuclear sclerosis OU, ${rng.pick(['trace', 'mild'])} ` +
        'posterior subcapsular change OS. Discussed cataract surgery when symptoms limit daily life.',
    }),
  },
  {
    minAge: 18,
    eye: true,
    make: (rng) => ({
      kind: 'history',
      text: rng.pick([
        `New flashes and floaters in the ${eye(rng)} eye for ${rng.int(2, 14)} days; no curtain or shadow.`,
        `Blurred vision in the ${eye(rng)} eye for ${rng.int(1, 8)} weeks, worse when reading.`,
        `Straight lines look wavy in the ${eye(rng)} eye for ${rng.int(1, 6)} weeks.`,
        `Gritty, burning eyes for ${rng.int(2, 12)} months, worse with screen use.`,
      ]),
    }),
  },
  {
    minAge: 30,
    eye: true,
    make: (rng) => ({
      kind: 'medication',
      text:
        'Current medications: ' +
        [
          rng.pick(['metformin 1000 mg BID', 'lisinopril 10 mg daily', 'atorvastatin 20 mg daily']),
          rng.pick(['latanoprost 0.005% 1 drop OU qhs', 'timolol 0.5% 1 drop OU BID']),
          rng.pick(['artificial tears QID as needed', 'aspirin 81 mg daily']),
        ].join('; ') +
        `. Allergies: ${rng.pick(['none known', 'sulfa drugs', 'penicillin'])}.`,
    }),
  },
  {
    minAge: 0,
    eye: true,
    make: (rng) => ({
      kind: 'progress',
      text:
        `Routine eye exam. Refraction ${rng.pick(['-1.25', '-2.50', '+0.75', '+1.50'])} ` +
        `sph OU; VA cc 20/20 OU. IOP ${rng.int(11, 18)}/${rng.int(11, 18)} mmHg. ` +
        `Tear break-up time ${rng.int(4, 10)} s; mild dry eye. New glasses prescribed.`,
    }),
  },
  {
    minAge: 0,
    maxAge: 17,
    eye: true,
    make: (rng) => ({
      kind: 'exam',
      text:
        `Pediatric exam. VA sc 20/20 OD, 20/${rng.pick(['50', '60', '80'])} OS. Cover test: ` +
        `small-angle esotropia OS. Cycloplegic refraction +${rng.int(2, 4)}.50 OS. ` +
        'Impression: amblyopia OS. Plan: patching 2 hours a day, recheck in 6 weeks.',
    }),
  },
  {
    minAge: 30,
    eye: false,
    make: (rng) => ({
      kind: 'other',
      outside: true,
      text:
        `Outside records: ${rng.pick(['right', 'left'])} total knee arthroplasty ` +
        `${rng.int(2010, 2021)}, uneventful recovery; physical therapy completed.`,
    }),
  },
  {
    minAge: 6,
    eye: false,
    make: (rng) => ({
      kind: 'other',
      outside: true,
      text: `Dental visit: routine cleaning, ${rng.pick(['one composite filling', 'no caries'])}; no antibiotics prescribed.`,
    }),
  },
  {
    minAge: 0,
    eye: false,
    make: (rng) => ({
      kind: 'history',
      text: `Seasonal allergies every ${rng.pick(['spring', 'fall'])}; takes loratadine 10 mg as needed.`,
    }),
  },
  {
    minAge: 12,
    eye: false,
    make: (rng) => ({
      kind: 'other',
      outside: true,
      text: `Urgent care: sprained ${eye(rng)} ankle playing ${rng.pick(['soccer', 'tennis', 'basketball'])}; ibuprofen for one week.`,
    }),
  },
];

/** 1-4 notes for one patient, deterministic in (seed, patient number); at least one is eye care. */
export function generateNotes(seed: number, patientNumber: number, age: number): NoteDraft[] {
  const rng = createRng((Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + patientNumber) >>> 0);
  const fits = TEMPLATES.filter((t) => age >= t.minAge && age <= (t.maxAge ?? 200));
  const eyeCare = fits.filter((t) => t.eye);
  const chosen = [rng.pick(eyeCare)];
  const count = Math.min(rng.int(1, 4), fits.length);
  while (chosen.length < count) {
    const next = rng.pick(fits);
    if (!chosen.includes(next)) chosen.push(next);
  }
  const days = new Set<number>();
  while (days.size < chosen.length) days.add(rng.int(0, (LAST_DAY - FIRST_DAY) / DAY_MS));
  const dates = [...days].sort((a, b) => b - a);
  return chosen.map((template, i) => {
    const { kind, text, outside } = template.make(rng);
    return {
      date: new Date(FIRST_DAY + (dates[i] ?? 0) * DAY_MS).toISOString().slice(0, 10),
      kind,
      author: outside ? null : rng.pick(PROVIDER_NAMES),
      text,
    };
  });
}

/** The demo patient's chart, whatever the seed: relevant to a wet-AMD referral, plus noise. */
export const DEMO_NOTES: readonly NoteDraft[] = [
  {
    date: '2025-09-12',
    kind: 'exam',
    author: 'Dr. Imogen Thistlewood, OD',
    text:
      'Dilated exam OU. VA cc 20/25 OD, 20/40 OS (was 20/25 OS in March). IOP 15/16 mmHg. ' +
      'OS: soft confluent drusen with pigment clumping in the macula; patient notes new wavy lines ' +
      'on the Amsler grid. OD: intermediate drusen. Impression: intermediate AMD OU, possible ' +
      'conversion to neovascular AMD OS.',
  },
  {
    date: '2025-06-03',
    kind: 'medication',
    author: 'Dr. Imogen Thistlewood, OD',
    text: 'AREDS2 supplement twice daily; lisinopril 10 mg daily; artificial tears as needed. Allergies: none known.',
  },
  {
    date: '2024-11-20',
    kind: 'other',
    author: null,
    text: 'Outside records: right total knee arthroplasty 2019, full recovery. Dental cleaning last month, no issues.',
  },
  {
    date: '2024-03-08',
    kind: 'history',
    author: 'Dr. Priya Castellane, OD',
    text: 'Former smoker, 20 pack-years, quit 2010. Mother had macular degeneration. Hypertension, controlled.',
  },
];

/** Newest first; the later id first on the same day. */
export function newestFirst(a: ClinicalNote, b: ClinicalNote): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
