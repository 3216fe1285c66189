import { describe, expect, it } from 'vitest';
import { SPECIALTIES } from './catalog.js';
import { inferSpecialty } from './rules.js';

const keys = (r: ReturnType<typeof inferSpecialty>) => r.specialties.map((s) => s.key);
const byCodes = (...diagnosisCodes: string[]) =>
  inferSpecialty({ diagnosisCodes, reason: 'see notes' });

describe('inferSpecialty', () => {
  it('maps eye diagnoses to the subspecialty, then ophthalmology', () => {
    expect(keys(byCodes('E11.3293'))).toEqual(['retina', 'ophthalmology']);
    expect(keys(byCodes('H35.3211'))).toEqual(['retina', 'ophthalmology']);
    expect(keys(byCodes('H40.1131'))).toEqual(['glaucoma', 'ophthalmology']);
    expect(keys(byCodes('H18.60'))).toEqual(['cornea', 'ophthalmology']);
    expect(keys(byCodes('H02.401'))).toEqual(['oculoplastics', 'ophthalmology']);
    expect(keys(byCodes('H46.9'))).toEqual(['neuro-ophthalmology', 'ophthalmology', 'neurology']);
    expect(keys(byCodes('H20.0'))).toEqual(['uveitis', 'ophthalmology']);
    expect(keys(byCodes('H50.00'))).toEqual(['pediatric-ophthalmology', 'ophthalmology']);
    expect(keys(byCodes('H51.11'))).toEqual(['vision-therapy', 'pediatric-ophthalmology']);
    expect(keys(byCodes('H54.7'))).toEqual(['low-vision']);
    expect(keys(byCodes('H25.11'))).toEqual(['ophthalmology']);
  });

  it('lets the longest prefix win: diabetic eye disease is retina, diabetes alone is endocrinology', () => {
    expect(keys(byCodes('E11.319'))[0]).toBe('retina');
    expect(keys(byCodes('E11.9'))).toEqual(['endocrinology', 'primary-care']);
    expect(keys(byCodes('H53.40'))[0]).toBe('neuro-ophthalmology');
    expect(keys(byCodes('H53.002'))[0]).toBe('pediatric-ophthalmology');
  });

  it('covers the common non-eye referrals of an optometrist', () => {
    expect(keys(byCodes('G35'))).toEqual(['neurology']);
    expect(keys(byCodes('M35.00'))).toEqual(['rheumatology']);
    expect(keys(byCodes('N18.3'))).toEqual(['nephrology']);
    expect(keys(byCodes('L71.9'))).toEqual(['dermatology']);
    expect(keys(byCodes('J32.9'))).toEqual(['ent']);
    expect(keys(byCodes('G47.33'))).toEqual(['sleep-medicine']);
    expect(keys(byCodes('I48.91'))).toEqual(['cardiology']);
    expect(keys(byCodes('I10'))).toEqual(['primary-care', 'cardiology']);
    expect(keys(byCodes('E05.00'))).toEqual(['endocrinology']);
  });

  it('accepts codes without the dot, and skips unmapped codes for the next one', () => {
    expect(keys(byCodes('H4011'))[0]).toBe('glaucoma');
    const r = byCodes('Z01.00', 'H40.1131');
    expect(r).toMatchObject({ source: 'diagnosis', evidence: 'H40.1131', confidence: 'high' });
  });

  it('lets an explicit request win, by NUCC code or by name', () => {
    const byCode = inferSpecialty({
      requested: '207WX0107X',
      diagnosisCodes: ['H40.1131'],
      reason: 'x',
    });
    expect(byCode).toMatchObject({ source: 'requested', confidence: 'high' });
    expect(keys(byCode)).toEqual(['retina', 'ophthalmology']);
    expect(
      keys(inferSpecialty({ requested: 'Glaucoma', diagnosisCodes: [], reason: 'x' }))[0],
    ).toBe('glaucoma');
    const unknown = inferSpecialty({ requested: '208600000X', diagnosisCodes: [], reason: 'x' });
    expect(unknown.specialties).toEqual([
      { key: '208600000X', label: 'Taxonomy 208600000X', taxonomies: ['208600000X'] },
    ]);
  });

  it('falls back to a keyword in the reason with medium confidence', () => {
    expect(
      inferSpecialty({ diagnosisCodes: [], reason: 'Keratoconus progression OD' }),
    ).toMatchObject({
      confidence: 'medium',
      source: 'reason',
      evidence: 'keratoconus',
    });
    expect(
      keys(inferSpecialty({ diagnosisCodes: [], reason: 'Moderate NPDR OU, please evaluate' }))[0],
    ).toBe('retina');
  });

  it('says so when nothing maps, instead of guessing', () => {
    expect(inferSpecialty({ diagnosisCodes: ['Z01.00'], reason: 'routine follow-up' })).toEqual({
      specialties: [],
      confidence: 'none',
      source: 'none',
      evidence: 'no mapped code or keyword',
    });
  });

  it('only names taxonomies that exist in the catalog, each chain without repeats', () => {
    for (const spec of Object.values(SPECIALTIES)) {
      for (const code of spec.taxonomies) expect(code).toMatch(/^[0-9A-Z]{9}X$/);
    }
    const all = ['E11.3', 'H30', 'H46', 'G93.2', 'M31.5', 'I63'].map((c) => keys(byCodes(c)));
    for (const chain of all) expect(new Set(chain).size).toBe(chain.length);
  });
});
