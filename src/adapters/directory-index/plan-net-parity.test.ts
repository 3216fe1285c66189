import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanNetDirectory } from '../../../retrieval/ingest/index.js';
import { assemblePlanNet, readFhir } from '../../../retrieval/ingest/index.js';
import { sharedDataPath } from '../../../retrieval/ingest/test-data.js';
import { hitKeys, type IndexTrio, startTrioServer } from '../../../test/support/index-trio.js';
import type { GeoPoint, IndexQuery } from '../../domain/index.js';
import { deliveryOf } from '../../domain/index.js';
import { createZipCentroidGeocoder } from '../geo/index.js';

/** ZIP ranges of Rhode Island, Massachusetts and Connecticut. */
const ZIP_RANGES: ReadonlyArray<readonly [number, number]> = [
  [2801, 2940],
  [1001, 2791],
  [6001, 6928],
];
const PRIMARY_CARE = ['207Q00000X', '207R00000X', '208D00000X'];
const RADII = [10, 25, 50, 100];
/** The matching agent's search width. */
const LIMIT = 50;

/** Every distinct location position of the directory, and every 10th ZIP centroid of RI/MA/CT. */
function patients(dir: PlanNetDirectory): { sites: GeoPoint[]; zips: GeoPoint[] } {
  const at = new Map<string, GeoPoint>();
  for (const p of dir.profiles) {
    for (const l of p.locations) {
      if (l.position) at.set(`${l.position.lat},${l.position.lon}`, l.position);
    }
  }
  const geocoder = createZipCentroidGeocoder();
  const zips: GeoPoint[] = [];
  for (const [from, to] of ZIP_RANGES) {
    for (let zip = from; zip <= to; zip++) {
      const found = geocoder.locate(String(zip).padStart(5, '0'));
      if (found?.precision === 'postal-code') zips.push(found.position);
    }
  }
  return { sites: [...at.values()], zips: zips.filter((_, i) => i % 10 === 0) };
}

describe('eligible hits on the public Plan-Net directory (RI/MA/CT): memory, SQLite and Qdrant agree', () => {
  let trioServer: Awaited<ReturnType<typeof startTrioServer>>;
  let trio: IndexTrio;
  let dir: PlanNetDirectory;
  let queries: IndexQuery[];

  beforeAll(async () => {
    dir = await assemblePlanNet(readFhir(sharedDataPath('plan-net-ri')), {
      geocoder: createZipCentroidGeocoder(),
    });
    trioServer = await startTrioServer();
    trio = await trioServer.openTrio();
    for (const index of [trio.memory, trio.sqlite, trio.qdrant]) await index.upsert(dir.profiles);
    const codes = new Set(dir.profiles.flatMap((p) => p.taxonomyCodes));
    const eye = [...codes].filter((c) => c.startsWith('207W') || c.startsWith('152W')).sort();
    const taxonomies = [eye, PRIMARY_CARE.filter((c) => codes.has(c))];
    const networkSets = [
      ...new Map(
        dir.plans
          .filter((p) => p.networkIds.length > 0)
          .map((p) => [[...p.networkIds].sort().join('|'), [...p.networkIds].sort()]),
      ).values(),
    ];
    const query = (near: GeoPoint, t: string[], networkIds: string[], i: number): IndexQuery => ({
      taxonomies: t,
      near,
      radiusKm: RADII[i % RADII.length] as number,
      ...(networkIds.length > 0 ? { networkIds } : {}),
      excludeNotAccepting: true,
      requireReachable: true,
      limit: LIMIT,
    });
    const { sites, zips } = patients(dir);
    // At the directory's own sites, four plans' networks in turn, and no network (coverage not
    // active, as the matching agent then searches); at ZIP centroids, one plan's networks.
    const setAt = (i: number) => networkSets[i % networkSets.length] ?? [];
    queries = [
      ...sites.flatMap((near, i) =>
        taxonomies.flatMap((t, k) => [
          ...[0, 1, 2, 3].map((j) => query(near, t, setAt(4 * i + j + k), i + j + k)),
          query(near, t, [], i + k),
        ]),
      ),
      ...zips.flatMap((near, i) => taxonomies.map((t, k) => query(near, t, setAt(i + k), i))),
    ];
  }, 60_000);
  afterAll(async () => {
    await trio.close();
    await trioServer.server.close();
  });

  it('loads every practitioner, with eye and primary-care taxonomies and plans with networks', async () => {
    expect(dir.profiles.length).toBeGreaterThanOrEqual(2000);
    for (const index of [trio.memory, trio.sqlite, trio.qdrant]) {
      expect(await index.count()).toBe(dir.profiles.filter((p) => p.active).length);
    }
    expect(queries.length).toBeGreaterThanOrEqual(300);
  });

  it('returns identical eligible hits in identical order, with every constraint met', async () => {
    let answered = 0;
    for (const [i, base] of queries.entries()) {
      // Every other query excludes the two nearest eligible practitioners (a coordinator said no).
      const first = [...new Set((await trio.memory.search(base)).map((h) => h.profile.npi))];
      const q = i % 2 === 1 ? { ...base, excludeNpis: first.slice(0, 2) } : base;
      const want = await trio.memory.search(q);
      expect(hitKeys(await trio.sqlite.search(q)), JSON.stringify(q)).toEqual(hitKeys(want));
      expect(hitKeys(await trio.qdrant.search(q)), JSON.stringify(q)).toEqual(hitKeys(want));
      for (const h of want) {
        const at = h.profile.locations.find((l) => l.id === h.locationId);
        expect(at?.acceptingNewPatients ?? h.profile.acceptingNewPatients).not.toBe(false);
        expect(deliveryOf(h.profile, at?.fax ?? null)).not.toBeNull();
        expect(q.excludeNpis ?? []).not.toContain(h.profile.npi);
        const networks = q.networkIds;
        if (networks) expect(h.profile.networkIds.some((n) => networks.includes(n))).toBe(true);
      }
      if (want.length > 0) answered++;
    }
    // The public feed is thin once closed and unreachable locations are out: about a fifth answer.
    expect(answered).toBeGreaterThan(queries.length / 10);
  }, 60_000);
});
