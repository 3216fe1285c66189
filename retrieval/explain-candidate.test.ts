import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { DirectoryProfile, PositionPrecision } from '../src/domain/index.js';
import { directoryProfile } from '../test/fixtures/directory.js';
import { rankHits } from './rank.js';
import type { RankContext } from './rank-context.js';
import { planOf } from './specialty/index.js';

const ctx: RankContext = {
  specialties: planOf(['retina'], 'test condition', 'H35.30').slice(0, 1),
  radiusKm: 50,
  language: 'en',
  networkIds: ['net-a'],
  urgency: 'routine',
  excludedNpis: [],
  weights: loadConfig({}).matching.weights,
};

function rankAt(distanceKm: number, positionPrecision?: PositionPrecision) {
  const base = directoryProfile('1111111111');
  const profile: DirectoryProfile = {
    ...base,
    locations: base.locations.map((l) => ({
      ...l,
      ...(positionPrecision && { positionPrecision }),
    })),
  };
  const [candidate] = rankHits(
    [{ profile, locationId: profile.locations[0]?.id ?? '', distanceKm, textScore: 0 }],
    ctx,
  );
  if (!candidate) throw new Error('expected a candidate');
  return { reason: candidate.reasons[2], explanation: candidate.explanation };
}

describe('distance in the explanation', () => {
  it('states an exact distance plainly', () => {
    expect(rankAt(12.34)).toMatchObject({ reason: '12.3 km from the patient' });
    expect(rankAt(12.34, 'exact').explanation).toMatch(/^Retina specialist 12\.3 km away, in/);
  });

  it('says the distance is approximate when the location is a ZIP centroid', () => {
    const { reason, explanation } = rankAt(12.34, 'postal-code');
    expect(reason).toBe('about 12.3 km from the patient (ZIP centroid)');
    expect(explanation).toMatch(/^Retina specialist about 12\.3 km away \(ZIP centroid\), in /);
    expect(rankAt(60, 'postal-prefix').reason).toBe(
      'about 60 km from the patient (ZIP-prefix centroid; beyond 50 km)',
    );
  });
});
