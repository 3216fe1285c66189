import { describe, expect, it } from 'vitest';
import { inferSpecialty } from './specialty-rules.js';

describe('inferSpecialty', () => {
  it('maps diagnosis codes, the longest prefix winning', () => {
    expect(inferSpecialty({ diagnosisCodes: ['H35.3211'], reason: 'x' }).specialty).toBe('retina');
    expect(inferSpecialty({ diagnosisCodes: ['E11.3293'], reason: 'x' })).toEqual({
      specialty: 'retina',
      source: 'diagnosis',
      evidence: 'E11.3293',
    });
    expect(inferSpecialty({ diagnosisCodes: ['H40.1131'], reason: 'x' }).specialty).toBe(
      'glaucoma',
    );
    expect(inferSpecialty({ diagnosisCodes: ['H53.40'], reason: 'x' }).specialty).toBe(
      'neuro-ophthalmology',
    );
    expect(inferSpecialty({ diagnosisCodes: ['H2511'], reason: 'x' }).specialty).toBe('cataract');
  });

  it('prefers the requested specialty when it names one we know', () => {
    const r = inferSpecialty({ requested: 'Glaucoma', diagnosisCodes: ['H35.31'], reason: 'x' });
    expect(r).toMatchObject({ specialty: 'glaucoma', source: 'requested' });
  });

  it('skips unmappable codes and falls back to the reason, then to general ophthalmology', () => {
    expect(
      inferSpecialty({ diagnosisCodes: ['Z01.00'], reason: 'Keratoconus progression' }),
    ).toEqual({
      specialty: 'cornea',
      source: 'reason',
      evidence: 'keratoconus',
    });
    expect(inferSpecialty({ diagnosisCodes: [], reason: 'eye exam follow-up' })).toMatchObject({
      specialty: 'general-ophthalmology',
      source: 'fallback',
    });
  });
});
