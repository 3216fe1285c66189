import type { SpecialtyKey } from './catalog.js';

/**
 * How providers name a specialty. A name counts only next to a referral word ("refer to retina",
 * "rheumatology consult", "requesting retina opinion"): "ordered by PCP" or "followed by
 * rheumatology" names no one to send the patient to.
 */
export const SPECIALTY_NAMES: Record<SpecialtyKey, readonly string[]> = {
  retina: [
    'retina specialist',
    'retinal specialist',
    'retinologist',
    'vitreoretinal',
    'retina',
    'retinal',
  ],
  glaucoma: ['glaucoma specialist', 'glaucoma'],
  cornea: ['cornea specialist', 'corneal specialist', 'cornea', 'corneal'],
  oculoplastics: [
    'oculoplastics',
    'oculoplastic',
    'oculoplastic surgeon',
    'oculofacial',
    'plastics',
    'orbit',
  ],
  'neuro-ophthalmology': [
    'neuro ophthalmology',
    'neuro ophthalmologist',
    'neuro ophth',
    'neuroophthalmology',
    'neuro op',
  ],
  uveitis: ['uveitis specialist', 'uveitis'],
  'pediatric-ophthalmology': [
    'pediatric ophthalmology',
    'pediatric ophthalmologist',
    'peds ophthalmology',
    'peds ophth',
    'peds',
  ],
  ophthalmology: [
    'ophthalmology',
    'ophthalmologist',
    'OMD',
    'general ophthalmology',
    'ophth',
    'ophtho',
    'cataract surgeon',
  ],
  'vision-therapy': ['vision therapy', 'VT', 'binocular vision specialist'],
  'low-vision': ['low vision specialist', 'low vision rehabilitation', 'low vision'],
  optometry: ['optometrist', 'optometry'],
  endocrinology: ['endocrinology', 'endocrinologist', 'endo'],
  neurology: ['neurology', 'neurologist', 'neuro'],
  rheumatology: ['rheumatology', 'rheumatologist', 'rheum', 'rheumo'],
  'primary-care': [
    'primary care',
    'PCP',
    'family doctor',
    'family physician',
    'internist',
    'internal medicine',
  ],
  nephrology: ['nephrology', 'nephrologist', 'renal'],
  dermatology: ['dermatology', 'dermatologist', 'derm'],
  ent: ['otolaryngology', 'otolaryngologist', 'ENT'],
  'sleep-medicine': [
    'sleep medicine',
    'sleep specialist',
    'sleep study',
    'sleep clinic',
    'polysomnography',
    'sleep',
  ],
  cardiology: ['cardiology', 'cardiologist', 'cardio'],
  pediatrics: ['pediatrician', 'pediatrics'],
};

/** Words that make a specialty name a referral: before it ("refer to") or after it ("consult"). */
export const REFERRAL_BEFORE = [
  'refer',
  'refer to',
  'referral to',
  'ref to',
  'send to',
  'sent to',
  'to see',
  'please see',
  'consult',
  'consult with',
  'eval by',
  'evaluation by',
  'needs',
  'needs a',
  'f u with',
  'follow up with',
  'back to',
  'recommend',
  'requesting',
  'request',
  'for a',
  'for',
];
export const REFERRAL_AFTER = [
  'specialist',
  'consult',
  'consultation',
  'referral',
  'eval',
  'evaluation',
  'clinic',
  'service',
  'workup',
  'work up',
  'appt',
  'appointment',
  'opinion',
  'input',
  'please',
  'care',
  'follow up',
];

/**
 * Where a requested eye subspecialty, or one the model suggested, falls back when no one is
 * eligible; the condition catalog gives the fallbacks of a condition.
 */
export const SPECIALTY_FALLBACK: Partial<Record<SpecialtyKey, readonly SpecialtyKey[]>> = {
  retina: ['ophthalmology'],
  glaucoma: ['ophthalmology'],
  cornea: ['ophthalmology'],
  oculoplastics: ['ophthalmology'],
  'neuro-ophthalmology': ['ophthalmology', 'neurology'],
  uveitis: ['ophthalmology'],
  'pediatric-ophthalmology': ['ophthalmology'],
  'vision-therapy': ['optometry'],
  'low-vision': ['optometry'],
  endocrinology: ['primary-care'],
  pediatrics: ['primary-care'],
};

/** The specialties of the eye; the rest are the systemic referrals an eye exam triggers. */
export const EYE_SPECIALTIES: ReadonlySet<SpecialtyKey> = new Set<SpecialtyKey>([
  'retina',
  'glaucoma',
  'cornea',
  'oculoplastics',
  'neuro-ophthalmology',
  'uveitis',
  'pediatric-ophthalmology',
  'ophthalmology',
  'vision-therapy',
  'low-vision',
  'optometry',
]);
