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

export const casesTagged = (cases: readonly DevCase[], tag: string) =>
  cases.filter((c) => c.tags.includes(tag)).length;
