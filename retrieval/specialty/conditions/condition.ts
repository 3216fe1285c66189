import type { SpecialtyKey } from '../catalog.js';

/** Eye conditions lead a referral's plan; systemic ones lead only when nothing points at the eye. */
export type ConditionArea = 'eye' | 'systemic';

/**
 * One condition an optometry practice refers for, and who should see it.
 *
 * - `codes`: ICD-10-CM prefixes ('H35.3', 'E11.35'); for a code the longest matching prefix over the
 *   whole catalog decides its condition.
 * - `phrases`: what a provider writes. Lower case: whole words, any case, a plural `s`/`es`
 *   allowed, one typo allowed in words of 7 letters or more. Upper case ('DME', 'CI'): an
 *   abbreviation, matched as a whole word exactly as written.
 * - `preferred`: the specialties that should see it, most specific first; `fallback`: acceptable
 *   when no preferred specialist is eligible (general ophthalmology for the eye subspecialties).
 * - `urgent`: needs care the same day or the next.
 */
export interface Condition {
  id: string;
  label: string;
  area: ConditionArea;
  codes: readonly string[];
  phrases: readonly string[];
  preferred: readonly SpecialtyKey[];
  fallback: readonly SpecialtyKey[];
  urgent?: boolean;
}
