import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../retrieval/generate/prng.js';
import { location, makeProfile, offset } from '../../../test/support/directory-index-contract.js';
import { hitKeys, type IndexTrio, startTrioServer } from '../../../test/support/index-trio.js';
import type {
  DirectoryEndpoint,
  DirectoryProfile,
  GeoPoint,
  IndexQuery,
} from '../../domain/index.js';

/** The positions and flags of one generated directory, fixed by its seed. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const BASE: GeoPoint = { lat: 41.824, lon: -71.4128 };
const CODES = ['207WX0107X', '207W00000X', '207RE0101X', '207Q00000X'] as const;
const NETWORKS = ['net-a', 'net-b', 'net-c'] as const;
const DIRECT: DirectoryEndpoint = { channel: 'direct', address: 'clinic@direct.example.org' };
const FHIR: DirectoryEndpoint = { channel: 'fhir', address: 'https://fhir.example.org/r4' };

/** How one generated directory is laid out. */
interface Shape {
  seed: number;
  hotspots: number;
  /** Practitioners in the 2 km cluster around each hotspot. */
  clustered: number;
  /** The share of clustered practices that are closed or unreachable. */
  blockedShare: number;
  /** Practitioners scattered 2–60 km from each hotspot. */
  scattered: number;
}

/**
 * A directory where closed and unreachable practices crowd the patients' hotspots: practices
 * (one site shared by 1–8 practitioners) in a 2 km cluster around each hotspot, most of them
 * blocked, and fewer, mostly eligible, practices scattered up to 60 km away.
 */
function clusteredDirectory(s: Shape): { profiles: DirectoryProfile[]; hotspots: GeoPoint[] } {
  const r = rng(s.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const around = (at: GeoPoint, minKm: number, maxKm: number) => {
    const km = minKm + (maxKm - minKm) * r();
    const bearing = 2 * Math.PI * r();
    return offset(at, km * Math.cos(bearing), km * Math.sin(bearing));
  };
  const hotspots = Array.from({ length: s.hotspots }, () => around(BASE, 0, 40));
  const profiles: DirectoryProfile[] = [];
  const practice = (site: GeoPoint, blocked: boolean) => {
    const size = 1 + Math.floor(r() * 8);
    const closedHere = blocked && r() < 0.6;
    const networkIds = NETWORKS.filter(() => r() < 0.5);
    for (let k = 0; k < size; k++) {
      const npi = String(1_000_000_000 + profiles.length);
      const unreachable = blocked && !closedHere;
      const endpoints = unreachable ? [] : pick([[], [DIRECT], [FHIR, DIRECT], []]);
      const accepting = (): boolean | null =>
        closedHere ? pick([false, null]) : pick([true, null, null, r() >= 0.1]);
      const loc = (id: string, at: GeoPoint | null) =>
        location(id, at, {
          acceptingNewPatients: accepting(),
          fax: unreachable || r() < 0.3 ? null : '401-555-0100',
        });
      const locations = [loc('L0', r() < 0.04 ? null : site)];
      if (r() < 0.3) locations.push(loc('L1', around(site, 0, 10)));
      profiles.push(
        makeProfile(npi, null, {
          taxonomyCodes: [...new Set([pick(CODES), ...(r() < 0.3 ? [pick(CODES)] : [])])],
          locations,
          networkIds,
          endpoints,
          preferredChannel: pick([null, 'direct', 'fhir', 'portal'] as const),
          acceptingNewPatients: closedHere && r() < 0.5 ? false : pick([true, null]),
          active: r() > 0.05,
        }),
      );
    }
    return size;
  };
  for (const hotspot of hotspots) {
    for (let n = 0; n < s.clustered; ) n += practice(around(hotspot, 0, 2), r() < s.blockedShare);
    for (let n = 0; n < s.scattered; ) n += practice(around(hotspot, 2, 60), r() < 0.2);
  }
  return { profiles, hotspots };
}

const QueryShape = fc.record({
  hotspot: fc.nat(),
  jitterM: fc.nat({ max: 800 }),
  codes: fc.subarray([...CODES], { minLength: 1 }),
  networks: fc.option(fc.subarray([...NETWORKS]), { nil: undefined }),
  radiusKm: fc.constantFrom(0.5, 2, 5, 15, 40, 120),
  limit: fc.constantFrom(1, 3, 10, 25, 50),
  excludeNotAccepting: fc.boolean(),
  requireReachable: fc.boolean(),
  excluded: fc.nat({ max: 6 }),
  excludeSeed: fc.nat(),
});

const ShapeArb = fc.record({
  seed: fc.integer(),
  hotspots: fc.integer({ min: 1, max: 3 }),
  clustered: fc.integer({ min: 0, max: 70 }),
  blockedShare: fc.double({ min: 0.5, max: 1, noNaN: true }),
  scattered: fc.integer({ min: 0, max: 50 }),
});

describe('eligible hits: SQLite and Qdrant (stand-in) equal the exhaustive scan', () => {
  let trioServer: Awaited<ReturnType<typeof startTrioServer>>;
  beforeAll(async () => {
    trioServer = await startTrioServer();
  });
  afterAll(() => trioServer.server.close());

  it('on clustered closed and unreachable practices, with random exclusions, networks, taxonomies, radii and limits', async () => {
    let compared = 0;
    let crowdedOut = 0;
    await fc.assert(
      fc.asyncProperty(
        ShapeArb,
        fc.array(QueryShape, { minLength: 1, maxLength: 6 }),
        async (shape, queryShapes) => {
          const { profiles, hotspots } = clusteredDirectory(shape);
          const trio: IndexTrio = await trioServer.openTrio();
          try {
            for (const index of [trio.memory, trio.sqlite, trio.qdrant])
              await index.upsert(profiles);
            for (const qs of queryShapes) {
              const hotspot = hotspots[qs.hotspot % hotspots.length] as GeoPoint;
              const base: IndexQuery = {
                taxonomies: qs.codes,
                near: offset(hotspot, qs.jitterM / 1000, qs.jitterM / 1700),
                radiusKm: qs.radiusKm,
                limit: qs.limit,
                excludeNotAccepting: qs.excludeNotAccepting,
                requireReachable: qs.requireReachable,
                ...(qs.networks ? { networkIds: qs.networks } : {}),
              };
              // Exclude some of the practitioners the search would offer first, and one unknown NPI.
              const offered = [...new Set(hitKeys(await trio.memory.search(base)))];
              const r = rng(qs.excludeSeed);
              const excludeNpis = [
                '1999999999',
                ...offered.filter(() => r() < qs.excluded / 10).map((k) => k.slice(0, 10)),
              ];
              const q = { ...base, excludeNpis };
              const want = hitKeys(await trio.memory.search(q));
              expect(hitKeys(await trio.sqlite.search(q)), JSON.stringify(q)).toEqual(want);
              expect(hitKeys(await trio.qdrant.search(q)), JSON.stringify(q)).toEqual(want);
              compared += want.length;
              const naive = await trio.memory.search({
                taxonomies: q.taxonomies,
                near: q.near,
                radiusKm: q.radiusKm,
                limit: q.limit,
                ...(q.networkIds ? { networkIds: q.networkIds } : {}),
              });
              const eligible = new Set(want);
              if (hitKeys(naive).filter((k) => eligible.has(k)).length < want.length) crowdedOut++;
            }
          } finally {
            await trio.close();
          }
        },
      ),
      { numRuns: 80, seed: 20261203 },
    );
    expect(compared).toBeGreaterThan(800);
    // The generator does make the case the constraints exist for: nearest-then-filter falls short.
    expect(crowdedOut).toBeGreaterThan(40);
  }, 60_000);
});
