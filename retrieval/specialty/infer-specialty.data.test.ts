import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferSpecialty } from './infer-specialty.js';

const CATEGORIES = new URL(
  '../../../shared/data/icd10cm-2018-categories/categories.csv',
  import.meta.url,
);

describe('specialty inference against the ICD-10-CM 2018 categories (../shared/data)', () => {
  if (!existsSync(CATEGORIES))
    throw new Error(`missing ${CATEGORIES.pathname}: ../shared must sit beside the checkout`);
  const codes = new Set(
    readFileSync(CATEGORIES, 'utf8')
      .split('\n')
      .map((line) => line.split(',')[0] ?? '')
      .filter(Boolean),
  );

  it('maps every eye and adnexa category (H00–H59)', () => {
    const eye = [...codes].filter((c) => /^H[0-5]\d$/.test(c));
    expect(eye.length).toBeGreaterThan(30);
    const unmapped = eye.filter(
      (c) => inferSpecialty({ diagnosisCodes: [c], reason: '' }).confidence === 'none',
    );
    expect(unmapped).toEqual([]);
  });
});
