import { describe, expect, it } from 'vitest';
import { planOf } from '../../retrieval/index.js';
import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import { loadConfig } from '../../src/config.js';
import type { DirectoryProfile } from '../../src/domain/index.js';
import { createMemoryAudit } from '../../test/fakes/memory-audit.js';
import { createMemoryOutcomes } from '../../test/fakes/memory-outcomes.js';
import { directoryProfile, metric } from '../../test/fixtures/directory.js';
import { offset } from '../../test/support/directory-index-contract.js';
import { type MatchInput, runMatching } from './agent.js';

const PATIENT = { lat: 41.824, lon: -71.4128 };
const OPHTHALMOLOGY = '207W00000X';

/** A practitioner `km` east of the patient; open, in net-a and reachable unless told otherwise. */
function at(npi: string, km: number, over: Partial<DirectoryProfile> = {}): DirectoryProfile {
  const base = directoryProfile(npi, over);
  const location = base.locations[0];
  if (!location) throw new Error('fixture has a location');
  return { ...base, locations: [{ ...location, position: offset(PATIENT, 0, km) }] };
}

async function match(profiles: DirectoryProfile[], over: Partial<MatchInput> = {}) {
  const config = loadConfig({});
  const input: MatchInput = {
    ...config.matching,
    specialties: planOf(['retina'], 'diabetic retinopathy', 'E11.3393'),
    reason: 'diabetic retinopathy',
    urgency: 'routine',
    near: PATIENT,
    language: 'en',
    networkIds: ['net-a'],
    coverageActive: true,
    excludedNpis: [],
    radiusKm: 80,
    ...over,
  };
  const directory = createMemoryDirectoryIndex(profiles);
  const runtime = {
    deps: {
      directory,
      ehr: {} as never,
      payer: {} as never,
      plans: { getPlan: async () => undefined },
      profiles: { getProfile: async () => undefined },
      outcomes: createMemoryOutcomes(),
    },
    audit: createMemoryAudit(),
  };
  return runMatching(input, { practiceId: 'p1', referralId: 'r1' }, runtime);
}

const npi = (i: number) => String(1_000_000_000 + i);
const closed = { acceptingNewPatients: false };

describe('runMatching', () => {
  it('finds the open specialist behind a large closed group practice near the patient', async () => {
    const group = Array.from({ length: 60 }, (_, i) => at(npi(i), 0.5 + i * 0.02, closed));
    const open = at('1999999999', 25);
    const result = await match([...group, open]);
    expect(result.recommendedId).toBe(`1999999999@loc-1999999999`);
    expect(result.tier).toBe('preferred');
    expect(result.candidates.every((c) => c.isValid)).toBe(true);
  });

  it('never returns a practitioner the coordinator excluded, nor an unreachable one', async () => {
    const unreachable = at('1000000002', 1, { endpoints: [], preferredChannel: null });
    const noFax = {
      ...unreachable,
      locations: unreachable.locations.map((l) => ({ ...l, fax: null })),
    };
    const result = await match([at('1000000001', 2), noFax, at('1000000003', 9)], {
      excludedNpis: ['1000000001'],
    });
    expect(result.candidates.map((c) => c.npi)).toEqual(['1000000003']);
  });

  it('ranks over the eligible set: a farther specialist with a much shorter wait wins where the weights say so', async () => {
    const slow = at('1000000001', 3, {
      metrics: {
        waitDays: metric(90, 40),
        rating: metric(4, 40),
        loopClosureRate: metric(0.5, 40),
      },
    });
    const quick = at('1000000002', 40, {
      metrics: {
        waitDays: metric(2, 40),
        rating: metric(4, 40),
        loopClosureRate: metric(0.95, 40),
      },
    });
    const waitHeavy = {
      ...loadConfig({}).matching.weights.routine,
      wait_time: 0.6,
      loop_closure: 0.3,
      distance: 0.1,
    };
    const result = await match([slow, quick], {
      weights: { routine: waitHeavy, urgent: waitHeavy },
    });
    expect(result.recommendedId).toBe('1000000002@loc-1000000002');
    const distanceHeavy = { ...waitHeavy, wait_time: 0.02, loop_closure: 0.02, distance: 0.9 };
    const byDistance = await match([slow, quick], {
      weights: { routine: distanceHeavy, urgent: distanceHeavy },
    });
    expect(byDistance.recommendedId).toBe('1000000001@loc-1000000001');
  });

  it('falls back to a general ophthalmologist and says why', async () => {
    const result = await match([
      at('1000000001', 5, { ...closed }),
      at('1000000002', 12, { taxonomyCodes: [OPHTHALMOLOGY] }),
    ]);
    expect(result.tier).toBe('fallback');
    expect(result.tried).toEqual([
      { tier: 'preferred', specialties: ['Retina specialist'], failure: 'none_accepting' },
    ]);
    expect(result.recommendedId).toBe('1000000002@loc-1000000002');
    expect(result.candidates[0]?.explanation).toMatch(
      /^Fallback: no in-network retina specialist within 80 km open to new patients\. Ophthalmologist 12 km away, in network/,
    );
    expect(result.candidates[0]?.reasons[0]).toMatch(
      /for diabetic retinopathy \(E11\.3393\): an acceptable fallback/,
    );
  });

  it('names each tier tried and the constraint that emptied it when no one is eligible', async () => {
    const result = await match([
      at('1000000001', 5, { networkIds: ['net-b'] }),
      at('1000000002', 7, { taxonomyCodes: [OPHTHALMOLOGY], ...closed }),
      at('1000000003', 200),
    ]);
    expect(result.recommendedId).toBeNull();
    expect(result.tried.map((t) => [t.tier, t.failure])).toEqual([
      ['preferred', 'none_in_network'],
      ['fallback', 'none_accepting'],
    ]);
    expect(result.noMatch?.reason).toBe(
      'Preferred tier: no in-network retina specialist within 80 km; fallback tier: no in-network ophthalmologist within 80 km open to new patients',
    );
    expect(result.noMatch?.alternatives.map((c) => c.npi)).toEqual(['1000000003', '1000000001']);
  });

  it('reports an excluded-only tier and an inactive coverage for what they are', async () => {
    const only = await match([at('1000000001', 5)], {
      specialties: planOf(['retina'], 'x', 'y').slice(0, 1),
      excludedNpis: ['1000000001'],
    });
    expect(only.tried.map((t) => t.failure)).toEqual(['all_excluded']);
    const inactive = await match([at('1000000001', 5)], { coverageActive: false });
    expect(inactive.tried.map((t) => t.failure)).toEqual([
      'coverage_inactive',
      'coverage_inactive',
    ]);
  });
});
