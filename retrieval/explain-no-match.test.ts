import { describe, expect, it } from 'vitest';
import { type Candidate, type TierAttempt, TierFailure } from '../src/domain/index.js';
import { explainNoMatch } from './explain-no-match.js';

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
  const tried: TierAttempt[] = [
    { tier: 'preferred', specialties: ['Retina specialist'], failure: 'none_accepting' },
    {
      tier: 'fallback',
      specialties: ['Ophthalmologist', 'Optometrist'],
      failure: 'none_in_network',
    },
  ];

  it('names each tier tried and why it found no one, and offers the nearest in-network option beyond the radius and the nearest out-of-network one within it', () => {
    const near = [
      candidate('1', 12, { inNetwork: false }),
      candidate('2', 8, { inNetwork: false }),
      candidate('5', 3, { acceptingNewPatients: false }),
    ];
    const wide = [
      candidate('3', 90, { withinDistance: false }),
      candidate('4', 70, { withinDistance: false }),
    ];
    const result = explainNoMatch({ tried, radiusKm: 50, near, wide });
    expect(result.reason).toBe(
      'Preferred tier: no in-network retina specialist within 50 km open to new patients; fallback tier: no in-network ophthalmologist or optometrist within 50 km',
    );
    expect(result.alternatives.map((c) => c.npi)).toEqual(['4', '2']);
  });

  it('has a sentence for every failure', () => {
    const sentences = TierFailure.options.map(
      (failure) =>
        explainNoMatch({
          tried: [{ tier: 'preferred', specialties: ['Retina specialist'], failure }],
          radiusKm: 30,
          near: [],
          wide: [],
        }).reason,
    );
    expect(new Set(sentences).size).toBe(TierFailure.options.length);
    expect(sentences[0]).toBe(
      "Preferred tier: the patient's coverage is inactive, so no retina specialist can be confirmed in network",
    );
  });
});
