import { describe, expect, it } from 'vitest';
import {
  generateCases,
  isSubspecialtyCase,
  loadDevLines,
  type MatchingCase,
  parseDevLines,
  truthQueryOf,
} from './cases.js';
import { location, OPHTHALMOLOGY, profile, RETINA } from './hand-made.js';
import { haversineKm, KM_PER_MILE } from './truth.js';

const DEV = parseDevLines(
  [
    '{"id":"ret-001","reason":"NPDR OU with CSME OD","diagnosisCodes":["E11.3311"],"requested":null,"expected":{"preferred":["retina"],"fallback":["ophthalmology"],"also":[]},"urgent":false,"tags":["area:retina"]}',
    '{"id":"gla-001","reason":"POAG","diagnosisCodes":[],"requested":"glaucoma","expected":{"preferred":["glaucoma"],"fallback":["ophthalmology"],"also":[]},"urgent":true,"tags":["area:glaucoma"]}',
    '{"id":"sys-001","reason":"new hypertension","diagnosisCodes":["I10"],"requested":null,"expected":{"preferred":["cardiology"],"fallback":["primary-care"],"also":[]},"urgent":false,"tags":["area:systemic"]}',
  ].join('\n'),
);
const DIRECTORY = {
  profiles: [
    profile('6000000001', [RETINA], [location('a', 0), location('b', 30)]),
    profile('6000000002', [OPHTHALMOLOGY], [location('c', 10)], { networkIds: ['net-b'] }),
    profile('6000000003', [RETINA], [location('d', 5)], { active: false }),
  ],
  plans: [
    { id: 'plan-a', name: 'A', ownerName: null, networkIds: ['net-a'] },
    { id: 'plan-b', name: 'B', ownerName: null, networkIds: ['net-b'] },
    { id: 'plan-none', name: 'None', ownerName: null, networkIds: [] },
  ],
};
const sites = DIRECTORY.profiles
  .filter((p) => p.active)
  .flatMap((p) => p.locations.flatMap((l) => (l.position ? [l.position] : [])));
const nearestSiteKm = (c: MatchingCase) => Math.min(...sites.map((s) => haversineKm(c.near, s)));

describe('generateCases', () => {
  const cases = generateCases(DIRECTORY, DEV, { seed: 11, count: 200, prefix: 'hm' });

  it('is the same for the same seed and differs for another', () => {
    expect(generateCases(DIRECTORY, DEV, { seed: 11, count: 200, prefix: 'hm' })).toEqual(cases);
    const other = generateCases(DIRECTORY, DEV, { seed: 12, count: 200, prefix: 'hm' });
    expect(other.map((c) => c.near)).not.toEqual(cases.map((c) => c.near));
  });

  it('keeps case k the same whatever the count', () => {
    expect(generateCases(DIRECTORY, DEV, { seed: 11, count: 20, prefix: 'hm' })).toEqual(
      cases.slice(0, 20),
    );
  });

  it('places patients within 8 km of an active location, or beyond every radius when remote', () => {
    const remote = cases.filter((c) => c.remote);
    expect(remote.length).toBeGreaterThan(5);
    expect(remote.length).toBeLessThan(50);
    for (const c of cases) {
      if (c.remote) expect(nearestSiteKm(c)).toBeGreaterThan(75 * KM_PER_MILE);
      else expect(nearestSiteKm(c)).toBeLessThanOrEqual(8.01);
    }
  });

  it('gives every case a plan with networks, a radius, unique ids and the dev line it came from', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(['plan-a', 'plan-b']).toContain(c.planId);
      expect(c.networkIds.length).toBeGreaterThan(0);
      expect([10, 25, 50, 75]).toContain(c.radiusMiles);
      expect(c.id.endsWith(c.devId)).toBe(true);
    }
    expect(new Set(cases.map((c) => c.devId))).toEqual(new Set(['ret-001', 'gla-001', 'sys-001']));
  });

  it('maps a requested key to its NUCC code and keeps urgent cases urgent', () => {
    for (const c of cases.filter((x) => x.devId === 'gla-001')) {
      expect(c.requestedTaxonomy).toBe('207WX0009X');
      expect(c.urgency).toBe('urgent');
    }
    expect(
      cases.filter((c) => c.devId === 'ret-001').every((c) => c.requestedTaxonomy === null),
    ).toBe(true);
  });

  it('makes nothing from an empty directory', () => {
    expect(
      generateCases({ profiles: [], plans: [] }, DEV, { seed: 1, count: 5, prefix: 'x' }),
    ).toEqual([]);
  });
});

describe('truthQueryOf and isSubspecialtyCase', () => {
  const [retina] = generateCases(DIRECTORY, DEV.slice(0, 1), { seed: 1, count: 1, prefix: 'q' });
  const [systemic] = generateCases(DIRECTORY, DEV.slice(2), { seed: 1, count: 1, prefix: 'q' });

  it('asks for the dataset tiers through the shared specialty map, radius in km', () => {
    if (!retina) throw new Error('no case');
    const q = truthQueryOf(retina);
    expect(q.tiers).toEqual([
      { tier: 'preferred', taxonomies: [RETINA] },
      { tier: 'fallback', taxonomies: [OPHTHALMOLOGY] },
    ]);
    expect(q.radiusKm).toBeCloseTo(retina.radiusMiles * KM_PER_MILE, 9);
    expect(isSubspecialtyCase(retina)).toBe(true);
  });

  it('does not count a systemic referral as a subspecialty case', () => {
    if (!systemic) throw new Error('no case');
    expect(isSubspecialtyCase(systemic)).toBe(false);
  });
});

describe('loadDevLines', () => {
  it('reads every line of the specialty dev set', () => {
    const { lines } = loadDevLines();
    expect(lines.length).toBeGreaterThan(200);
    expect(lines.filter((l) => l.expected.preferred.length === 0).length).toBeGreaterThan(0);
  });

  it('refuses a line whose expected specialty is not in the catalog', () => {
    expect(() =>
      parseDevLines(
        '{"id":"x-001","reason":"r","diagnosisCodes":[],"requested":null,"expected":{"preferred":["wizardry"],"fallback":[]},"urgent":false}',
      ),
    ).toThrow();
  });
});
