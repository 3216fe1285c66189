import { describe, expect, it } from 'vitest';
import type { Candidate } from '../src/domain/index.js';
import { explainNoMatch } from './explain-no-match.js';
import { specialtyMatch } from './specialty/index.js';

const specialties = [specialtyMatch('retina'), specialtyMatch('ophthalmology')];

function candidate(npi: string, km: number, checks: Partial<Candidate['checks']>): Candidate {
  return {
    candidateId: `${npi}@loc`,
    npi,
    name: `Dr ${npi}`,
    specialty: 'Retina specialist',
    taxonomy: '207WX0107X',
    networkIds: ['net-a'],
    locationId: 'loc',
    locationName: 'Clinic',
    city: 'Providence',
    distanceKm: km,
    waitDays: 10,
    score: 0.5,
    checks: {
      specialtyMatches: true,
      inNetwork: true,
      acceptingNewPatients: true,
      withinDistance: true,
      speaksPatientLanguage: true,
      reachable: true,
      ...checks,
    },
    isValid: false,
    factors: [],
    reasons: ['r'],
    explanation: 'e',
    delivery: { channel: 'fax', address: '401-555-0000' },
  };
}

describe('explainNoMatch', () => {
  it('says what was missing and offers the nearest in-network option beyond the radius and the nearest out-of-network one within it', () => {
    const near = [
      candidate('1', 12, { inNetwork: false }),
      candidate('2', 8, { inNetwork: false }),
    ];
    const wide = [
      ...near,
      candidate('3', 90, { withinDistance: false }),
      candidate('4', 70, { withinDistance: false }),
    ];
    const result = explainNoMatch({ specialties, radiusKm: 50, coverageActive: true, near, wide });
    expect(result.reason).toBe('No in-network retina specialist or ophthalmologist within 50 km');
    expect(result.alternatives.map((c) => c.npi)).toEqual(['4', '2']);
  });

  it('names an empty radius, closed panels and an inactive coverage for what they are', () => {
    const base = { specialties, radiusKm: 30, coverageActive: true, wide: [] };
    expect(explainNoMatch({ ...base, near: [] }).reason).toBe(
      'No retina specialist or ophthalmologist within 30 km',
    );
    expect(
      explainNoMatch({ ...base, near: [candidate('5', 3, { acceptingNewPatients: false })] })
        .reason,
    ).toBe(
      'No in-network retina specialist or ophthalmologist accepting new patients within 30 km',
    );
    expect(explainNoMatch({ ...base, coverageActive: false, near: [] }).reason).toBe(
      "The patient's coverage is inactive, so no retina specialist or ophthalmologist can be confirmed in network",
    );
  });
});
