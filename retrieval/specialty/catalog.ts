import type { SpecialtyMatch } from '../../src/domain/index.js';

/** The specialties an optometrist refers to, with their NUCC taxonomy codes (NUCC v24). */
export const SPECIALTIES = {
  retina: { label: 'Retina specialist', taxonomies: ['207WX0107X'] },
  glaucoma: { label: 'Glaucoma specialist', taxonomies: ['207WX0009X'] },
  cornea: { label: 'Cornea and external disease specialist', taxonomies: ['207WX0120X'] },
  oculoplastics: { label: 'Oculoplastic surgeon', taxonomies: ['207WX0200X'] },
  'neuro-ophthalmology': { label: 'Neuro-ophthalmologist', taxonomies: ['207WX0109X'] },
  uveitis: { label: 'Uveitis specialist', taxonomies: ['207WX0108X'] },
  'pediatric-ophthalmology': {
    label: 'Pediatric ophthalmologist (strabismus)',
    taxonomies: ['207WX0110X'],
  },
  ophthalmology: { label: 'Ophthalmologist', taxonomies: ['207W00000X'] },
  'vision-therapy': { label: 'Optometrist, vision therapy', taxonomies: ['152WV0400X'] },
  'low-vision': { label: 'Optometrist, low vision rehabilitation', taxonomies: ['152WL0500X'] },
  optometry: {
    label: 'Optometrist',
    taxonomies: ['152W00000X', '152WC0802X', '152WP0200X', '152WS0006X', '152WX0102X'],
  },
  endocrinology: { label: 'Endocrinologist', taxonomies: ['207RE0101X'] },
  neurology: { label: 'Neurologist', taxonomies: ['2084N0400X', '2084V0102X'] },
  rheumatology: { label: 'Rheumatologist', taxonomies: ['207RR0500X'] },
  'primary-care': {
    label: 'Primary care physician',
    taxonomies: ['207Q00000X', '207R00000X', '208D00000X'],
  },
  nephrology: { label: 'Nephrologist', taxonomies: ['207RN0300X'] },
  dermatology: { label: 'Dermatologist', taxonomies: ['207N00000X'] },
  ent: { label: 'Otolaryngologist (ENT)', taxonomies: ['207Y00000X'] },
  'sleep-medicine': { label: 'Sleep medicine physician', taxonomies: ['207RS0012X', '2084S0012X'] },
  cardiology: { label: 'Cardiologist', taxonomies: ['207RC0000X'] },
  pediatrics: { label: 'Pediatrician', taxonomies: ['208000000X'] },
} as const satisfies Record<string, { label: string; taxonomies: readonly string[] }>;

export type SpecialtyKey = keyof typeof SPECIALTIES;

export function specialtyMatch(key: SpecialtyKey): SpecialtyMatch {
  const s = SPECIALTIES[key];
  return { key, label: s.label, taxonomies: [...s.taxonomies] };
}

export function isSpecialtyKey(value: string): value is SpecialtyKey {
  return Object.hasOwn(SPECIALTIES, value);
}

/** The specialty a NUCC code belongs to, if we know it. */
export function specialtyOfTaxonomy(code: string): SpecialtyKey | undefined {
  return (Object.keys(SPECIALTIES) as SpecialtyKey[]).find((k) =>
    (SPECIALTIES[k].taxonomies as readonly string[]).includes(code),
  );
}
