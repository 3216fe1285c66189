import { describe, expect, it } from 'vitest';
import type { SpecialistProfile } from '../src/domain/index.js';
import { type RankContext, rankCandidates } from './rank.js';
import { specialtyMatch } from './specialty/index.js';

const near = { lat: 41.82, lon: -71.41 };

function profile(npi: string, over: Partial<SpecialistProfile> = {}): SpecialistProfile {
  return {
    npi,
    name: `Dr ${npi}`,
    specialties: ['retina'],
    taxonomyCodes: ['207WX0107X'],
    locations: [
      {
        id: `loc-${npi}`,
        name: 'Clinic',
        address: { line: '1 Main St', city: 'Providence', state: 'RI', postalCode: '02903' },
        location: { lat: 41.83, lon: -71.41 },
        phone: '401-555-0000',
      },
    ],
    networkIds: ['net-a'],
    languages: ['en'],
    acceptingNewPatients: true,
    waitDays: 10,
    rating: 4.5,
    loopClosureRate: 0.8,
    delivery: { channel: 'direct', address: 'x@direct.example.org' },
    ...over,
  };
}

const ctx: RankContext = {
  specialties: [specialtyMatch('retina'), specialtyMatch('ophthalmology')],
  near,
  radiusKm: 50,
  language: 'en',
  networkIds: ['net-a'],
  urgency: 'routine',
  excludedNpis: [],
};

describe('rankCandidates', () => {
  it('puts valid candidates first and explains each check', () => {
    const ranked = rankCandidates(
      [profile('1111111111', { networkIds: ['net-b'] }), profile('2222222222')],
      ctx,
    );
    expect(ranked.map((c) => [c.npi, c.isValid])).toEqual([
      ['2222222222', true],
      ['1111111111', false],
    ]);
    expect(ranked[1]?.checks.inNetwork).toBe(false);
    expect(ranked[1]?.reasons).toContain("Not in network for the patient's plan");
  });

  it('scores as the sum of the factor contributions, shorter waits ranking higher', () => {
    const ranked = rankCandidates(
      [profile('1', { waitDays: 60 }), profile('2', { waitDays: 5 })],
      ctx,
    );
    expect(ranked[0]?.npi).toBe('2');
    for (const c of ranked) {
      const sum = c.factors.reduce((s, f) => s + f.contribution, 0);
      expect(c.score).toBeCloseTo(sum, 2);
    }
  });

  it('invalidates out-of-radius, not-accepting and wrong-specialty candidates, and drops exclusions', () => {
    const [site] = profile('3').locations;
    if (!site) throw new Error('fixture has a location');
    const far = profile('3', { locations: [{ ...site, location: { lat: 42.9, lon: -71.4 } }] });
    const closed = profile('4', { acceptingNewPatients: false });
    const other = profile('5', { specialties: ['glaucoma'], taxonomyCodes: ['207WX0009X'] });
    const ranked = rankCandidates([far, closed, other, profile('6')], {
      ...ctx,
      excludedNpis: ['6'],
    });
    expect(ranked.map((c) => c.npi).sort()).toEqual(['3', '4', '5']);
    expect(ranked.every((c) => !c.isValid)).toBe(true);
  });

  it('treats an inactive coverage (no networks) as out of network everywhere', () => {
    const ranked = rankCandidates([profile('7')], { ...ctx, networkIds: [] });
    expect(ranked[0]?.isValid).toBe(false);
  });

  it('ranks the most specific qualification first and says which taxonomy qualified', () => {
    const general = profile('8', { specialties: ['ophthalmology'], taxonomyCodes: ['207W00000X'] });
    const ranked = rankCandidates([general, profile('9')], ctx);
    expect(ranked.map((c) => [c.npi, c.taxonomy, c.isValid])).toEqual([
      ['9', '207WX0107X', true],
      ['8', '207W00000X', true],
    ]);
    expect(ranked[0]?.factors.find((f) => f.name === 'specificity')?.value).toBe(1);
    expect(ranked[1]?.factors.find((f) => f.name === 'specificity')?.value).toBe(0.5);
    expect(ranked[1]?.reasons[0]).toContain('a Retina specialist would fit better');
  });
});
