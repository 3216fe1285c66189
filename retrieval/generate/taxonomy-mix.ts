/**
 * The taxonomy mix of a generated directory, loosely after the Plan-Net sample (internal medicine
 * and family medicine common, ophthalmology ~4%) with eye care over-weighted for our demos.
 * Weights are per mille of profiles; every code is a valid NUCC v24 code (checked in a test).
 */
export type PracticeKind = 'primary' | 'eye' | 'specialty';
export type Credential = 'MD' | 'DO' | 'OD' | 'NP' | 'PA';

export interface TaxonomyShare {
  code: string;
  kind: PracticeKind;
  weight: number;
  /** A broader code the practitioner often also lists (second in taxonomyCodes). */
  secondary?: string;
  /** Median days to a new-referral appointment. */
  waitMedian: number;
}

const t = (
  code: string,
  kind: PracticeKind,
  weight: number,
  waitMedian: number,
  secondary?: string,
): TaxonomyShare =>
  secondary ? { code, kind, weight, waitMedian, secondary } : { code, kind, weight, waitMedian };

const OPHTHALMOLOGY = '207W00000X';
const OPTOMETRY = '152W00000X';
const INTERNAL = '207R00000X';

export const TAXONOMY_MIX: readonly TaxonomyShare[] = [
  t(INTERNAL, 'primary', 130, 14),
  t('207Q00000X', 'primary', 85, 12),
  t('208D00000X', 'primary', 20, 10),
  t('208000000X', 'primary', 50, 9),
  t('363LF0000X', 'primary', 30, 7),
  t('363A00000X', 'primary', 15, 7),
  t(OPHTHALMOLOGY, 'eye', 42, 24),
  t('207WX0107X', 'eye', 11, 16, OPHTHALMOLOGY),
  t('207WX0009X', 'eye', 7, 28, OPHTHALMOLOGY),
  t('207WX0120X', 'eye', 5, 30, OPHTHALMOLOGY),
  t('207WX0110X', 'eye', 4, 45, OPHTHALMOLOGY),
  t('207WX0200X', 'eye', 3.5, 35, OPHTHALMOLOGY),
  t('207WX0109X', 'eye', 1.6, 60, OPHTHALMOLOGY),
  t('207WX0108X', 'eye', 1.2, 50, OPHTHALMOLOGY),
  t(OPTOMETRY, 'eye', 38, 8),
  t('152WV0400X', 'eye', 5, 21, OPTOMETRY),
  t('152WL0500X', 'eye', 4, 25, OPTOMETRY),
  t('152WC0802X', 'eye', 3, 10, OPTOMETRY),
  t('152WP0200X', 'eye', 3, 14, OPTOMETRY),
  t('207RC0000X', 'specialty', 50, 30, INTERNAL),
  t('207RI0011X', 'specialty', 6, 30, '207RC0000X'),
  t('207N00000X', 'specialty', 25, 45),
  t('207RE0101X', 'specialty', 15, 40, INTERNAL),
  t('2084N0400X', 'specialty', 20, 42),
  t('2084V0102X', 'specialty', 3, 35, '2084N0400X'),
  t('207RR0500X', 'specialty', 8, 38, INTERNAL),
  t('207RN0300X', 'specialty', 10, 28, INTERNAL),
  t('207Y00000X', 'specialty', 12, 26),
  t('207RS0012X', 'specialty', 3, 40, INTERNAL),
  t('2084S0012X', 'specialty', 2, 40, '2084N0400X'),
  t('207RG0100X', 'specialty', 18, 35, INTERNAL),
  t('207RP1001X', 'specialty', 10, 30, INTERNAL),
  t('207RH0003X', 'specialty', 12, 14, INTERNAL),
  t('207X00000X', 'specialty', 40, 21),
  t('207V00000X', 'specialty', 35, 20),
  t('2084P0800X', 'specialty', 25, 40),
  t('208600000X', 'specialty', 15, 18),
  t('208800000X', 'specialty', 10, 30),
];

/** The credential a code implies, with MD/DO drawn for physicians. */
export function credentialOf(code: string, osteopath: boolean): Credential {
  if (code.startsWith('152W')) return 'OD';
  if (code.startsWith('363L')) return 'NP';
  if (code.startsWith('363A')) return 'PA';
  return osteopath ? 'DO' : 'MD';
}

export const PRACTICE_WORDS: Readonly<Record<PracticeKind, readonly string[]>> = {
  primary: [
    'Family Medicine',
    'Primary Care',
    'Internal Medicine Associates',
    'Medical Group',
    'Community Health Center',
    'Family Practice',
  ],
  eye: [
    'Eye Associates',
    'Eye Care',
    'Vision Center',
    'Ophthalmology',
    'Eye Institute',
    'Retina & Vitreous',
    'Eye Physicians',
    'Optometry',
  ],
  specialty: [
    'Specialty Physicians',
    'Medical Associates',
    'Specialty Clinic',
    'Physicians Group',
    'Health Partners',
  ],
};
