import type { DevReferral } from './dev-cases.js';

const PEDIATRIC_SPECIALTIES = new Set(['pediatric-ophthalmology', 'pediatrics']);
const PEDIATRIC_WORDS =
  /\b(infant|child|children|kid|toddler|preemie|premature|newborn|neonat\w*|nicu|school|pediatric\w*|paediatric\w*|congenital|jia|rop)\b/i;
/** Conditions whose diagnosis or work-up rests on the patient's age. */
const GERIATRIC_WORDS =
  /\b(gca|giant cell|temporal arteritis|pmr|polymyalgia|involutional|senile|elderly|age[- ]related|amd|geographic atrophy)\b/i;
const YEARS = [/\b(\d{1,3})\s*y\/?o\b/i, /\bage\s*(\d{1,3})\b/i, /\bpt\s+(\d{2})\b/i];
const INFANT = /\b\d{1,2}\s*(?:wk|week|mo|month)s?(?:\s*old)?\s*infant\b|\bpreemie\b|\binfant\b/i;

/** The patient's age the referral text states, if it does. */
export function statedAge(reason: string): number | null {
  if (INFANT.test(reason)) return 0;
  for (const pattern of YEARS) {
    const m = pattern.exec(reason);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The patient's sex the referral text states ("24 y/o F", "her"), if it does. */
export function statedSex(reason: string): 'female' | 'male' | null {
  if (/y\/?o\s*F\b|\b(she|her|woman|female|girl)\b/i.test(reason)) return 'female';
  if (/y\/?o\s*M\b|\b(he|his|man|male|boy)\b/i.test(reason)) return 'male';
  return null;
}

/** A case about a child: the pediatric section, a pediatric specialty expected, or words of childhood. */
export function isPediatricCase(c: DevReferral): boolean {
  return (
    c.tags.includes('area:pediatric') ||
    c.expected.preferred.some((k) => PEDIATRIC_SPECIALTIES.has(k)) ||
    PEDIATRIC_WORDS.test(c.reason)
  );
}

/**
 * Why the patient's age is clinically relevant to this referral (then the age band is not varied),
 * or null. Relevant: a child (a case about a child, or a patient under 18: amblyopia or strabismus
 * in a child is another referral than in an adult); an age the text states (it is clinical data
 * the reason rests on); a condition defined or worked up by age (GCA, involutional lid changes,
 * age-related macular degeneration).
 */
export function ageRelevance(c: DevReferral, age: number): string | null {
  if (isPediatricCase(c) || age < 18) return 'pediatric';
  if (statedAge(c.reason) !== null) return 'age stated in the reason';
  if (GERIATRIC_WORDS.test(c.reason)) return 'age-defined condition';
  return null;
}

export const AGE_RELEVANCE_RULE =
  'age is not varied for a pediatric case (pediatric section or specialty expected, words such ' +
  'as child, infant, school, congenital, ROP, JIA; or a patient under 18), when the reason states ' +
  'the age (it is clinical data), or for conditions defined or worked up by age (GCA/PMR, ' +
  'involutional lid changes, age-related macular degeneration, geographic atrophy)';

/** The coarse age groups the outcome tables compare. */
export function ageGroupOf(age: number): string {
  if (age < 18) return '0-17';
  if (age < 40) return '18-39';
  if (age < 65) return '40-64';
  return '65+';
}

/** Adult ages the counterfactual moves a patient to, one per band other than the patient's own. */
export const COUNTERFACTUAL_AGES = [24, 45, 72] as const;
