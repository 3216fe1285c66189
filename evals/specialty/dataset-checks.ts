import { existsSync, readFileSync } from 'node:fs';
import type { DevCase } from './score.js';

/** FY2018 ICD-10-CM categories and headers, kept beside the repository (../shared/data). */
const CATEGORIES = new URL(
  '../../../shared/data/icd10cm-2018-categories/categories.csv',
  import.meta.url,
);

export const hasCategories = () => existsSync(CATEGORIES);

/** The cases' codes whose three-character category the ICD-10-CM file does not list. */
export function codesWithoutCategory(cases: readonly DevCase[]): string[] {
  const known = new Set(
    readFileSync(CATEGORIES, 'utf8')
      .split('\n')
      .map((line) => line.split(',')[0] ?? ''),
  );
  const codes = [...new Set(cases.flatMap((c) => c.diagnosisCodes))];
  return codes.filter((code) => !known.has(code.slice(0, 3)));
}

/** The kinds of text every referral set must hold a few of, so the rules meet each. */
export const VARIETY_TAGS = [
  'negation',
  'misspelling',
  'abbrev',
  'shorthand',
  'no-codes',
  'undotted-codes',
  'codes-systemic-first',
  'requested',
  'none',
  'urgent',
] as const;

/** The tags of `tags` fewer than `atLeast` cases carry. */
export function scarceTags(
  cases: readonly DevCase[],
  tags: readonly string[],
  atLeast = 3,
): string[] {
  return tags.filter((tag) => cases.filter((c) => c.tags.includes(tag)).length < atLeast);
}
