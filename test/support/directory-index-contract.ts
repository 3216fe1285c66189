import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  DirectoryIndex,
  DirectoryLocation,
  GeoPoint,
  IndexQuery,
  DirectoryProfile as Profile,
} from '../../src/domain/index.js';
import { DirectoryProfile, distanceKm } from '../../src/domain/index.js';

export const RETINA = '207WX0107X';
export const CORNEA = '207WX0009X';
export const GLAUCOMA = '207WX0108X';
const CENTER: GeoPoint = { lat: 41.824, lon: -71.4128 };

/** A point `northKm` north and `eastKm` east of `from` (small offsets). */
export function offset(from: GeoPoint, northKm: number, eastKm = 0): GeoPoint {
  const kmPerDeg = (Math.PI / 180) * 6371.0088;
  const lat = from.lat + northKm / kmPerDeg;
  return { lat, lon: from.lon + eastKm / (kmPerDeg * Math.cos((from.lat * Math.PI) / 180)) };
}

export function location(
  id: string,
  position: GeoPoint | null,
  extra: Partial<DirectoryLocation> = {},
): DirectoryLocation {
  return {
    ...{ id, name: `Clinic ${id}`, line: '1 Main St', city: 'Providence', state: 'RI' },
    ...{ postalCode: '02903', position, phone: null, fax: null, acceptingNewPatients: null },
    ...extra,
  };
}

/** A valid profile with one location at `at` (override anything). */
export function makeProfile(
  npi: string,
  at: GeoPoint | null,
  extra: Partial<Profile> = {},
): Profile {
  const profile: Profile = {
    ...{ npi, name: `Dr ${npi}`, taxonomyCodes: [RETINA], locations: [location('L1', at)] },
    ...{ networkIds: [], languages: ['en'], acceptingNewPatients: null, endpoints: [] },
    ...{ preferredChannel: null, active: true, source: 'generated' },
    metrics: { waitDays: null, rating: null, loopClosureRate: null },
    ...extra,
  };
  return DirectoryProfile.parse(profile);
}

const query = (extra: Partial<IndexQuery> = {}): IndexQuery => ({
  ...{ taxonomies: [RETINA], near: CENTER, radiusKm: 50, limit: 50 },
  ...extra,
});
const keys = (hits: { profile: Profile; locationId: string }[]) =>
  hits.map((h) => `${h.profile.npi}/${h.locationId}`);

export function describeDirectoryIndexContract(
  name: string,
  create: () => Promise<{ index: DirectoryIndex; close(): Promise<void> }>,
): void {
  describe(`DirectoryIndex contract: ${name}`, () => {
    let index: DirectoryIndex;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ index, close } = await create());
    });
    afterEach(() => close());

    it('finds a taxonomy within the radius with exact distances, nearest first', async () => {
      const a = makeProfile('1000000001', offset(CENTER, 10));
      const b = makeProfile('1000000002', offset(CENTER, 3, 4));
      const c = makeProfile('1000000003', offset(CENTER, 1), { taxonomyCodes: [CORNEA] });
      await index.upsert([a, b, c]);
      const hits = await index.search(query());
      expect(keys(hits)).toEqual(['1000000002/L1', '1000000001/L1']);
      for (const h of hits) {
        const at = h.profile.locations.find((l) => l.id === h.locationId)?.position;
        expect(at).toBeTruthy();
        if (at) expect(Math.abs(h.distanceKm - distanceKm(CENTER, at))).toBeLessThan(1e-6);
        expect(h.textScore).toBe(0);
      }
      expect(hits[0]?.profile).toEqual(b);
    });

    it('matches any of the taxonomies, and none when no taxonomy matches', async () => {
      await index.upsert([
        makeProfile('1000000001', offset(CENTER, 1)),
        makeProfile('1000000002', offset(CENTER, 2), { taxonomyCodes: [CORNEA, GLAUCOMA] }),
        makeProfile('1000000003', offset(CENTER, 3), { taxonomyCodes: [GLAUCOMA] }),
      ]);
      const both = await index.search(query({ taxonomies: [RETINA, CORNEA] }));
      expect(keys(both)).toEqual(['1000000001/L1', '1000000002/L1']);
      const glaucoma = await index.search(query({ taxonomies: [GLAUCOMA] }));
      expect(keys(glaucoma)).toEqual(['1000000002/L1', '1000000003/L1']);
      expect(await index.search(query({ taxonomies: ['208600000X'] }))).toEqual([]);
    });

    it('filters by any of the networks, and not at all without networkIds', async () => {
      await index.upsert([
        makeProfile('1000000001', offset(CENTER, 1), { networkIds: ['net-a'] }),
        makeProfile('1000000002', offset(CENTER, 2), { networkIds: ['net-b', 'net-c'] }),
        makeProfile('1000000003', offset(CENTER, 3)),
      ]);
      const ac = await index.search(query({ networkIds: ['net-a', 'net-c'] }));
      expect(keys(ac)).toEqual(['1000000001/L1', '1000000002/L1']);
      expect(keys(await index.search(query({ networkIds: ['net-z'] })))).toEqual([]);
      expect(await index.search(query())).toHaveLength(3);
    });

    it('leaves out locations beyond the radius', async () => {
      await index.upsert([
        makeProfile('1000000001', offset(CENTER, 9.9)),
        makeProfile('1000000002', offset(CENTER, 0, -10.1)),
        makeProfile('1000000003', offset(CENTER, 300)),
      ]);
      expect(keys(await index.search(query({ radiusKm: 10 })))).toEqual(['1000000001/L1']);
      expect(await index.search(query({ radiusKm: 20 }))).toHaveLength(2);
    });

    it('returns one hit per located location and never indexes a null position', async () => {
      const two = makeProfile('1000000001', offset(CENTER, 1), {
        locations: [location('A', offset(CENTER, 5)), location('B', offset(CENTER, 2))],
      });
      const mixed = makeProfile('1000000002', null, {
        locations: [location('X', null), location('Y', offset(CENTER, 3))],
      });
      const none = makeProfile('1000000003', null);
      await index.upsert([two, mixed, none]);
      const hits = await index.search(query({ radiusKm: 20_000 }));
      expect(keys(hits)).toEqual(['1000000001/B', '1000000002/Y', '1000000001/A']);
    });

    it('never returns inactive profiles, and re-upserting as inactive removes', async () => {
      const a = makeProfile('1000000001', offset(CENTER, 1));
      await index.upsert([a, makeProfile('1000000002', offset(CENTER, 2), { active: false })]);
      expect(keys(await index.search(query()))).toEqual(['1000000001/L1']);
      expect(await index.count()).toBe(1);
      await index.upsert([{ ...a, active: false }]);
      expect(await index.search(query())).toEqual([]);
      expect(await index.count()).toBe(0);
    });

    it('excludeNotAccepting drops known refusals (location first, then profile)', async () => {
      const at = offset(CENTER, 1);
      const loc = (v: boolean | null) => [location('L1', at, { acceptingNewPatients: v })];
      await index.upsert([
        makeProfile('1000000001', at, { locations: loc(false) }),
        makeProfile('1000000002', at, { locations: loc(null), acceptingNewPatients: false }),
        makeProfile('1000000003', at, { locations: loc(null) }),
        makeProfile('1000000004', at, { locations: loc(true), acceptingNewPatients: false }),
        makeProfile('1000000005', at, { locations: loc(null), acceptingNewPatients: true }),
      ]);
      const kept = await index.search(query({ excludeNotAccepting: true }));
      expect(keys(kept)).toEqual(['1000000003/L1', '1000000004/L1', '1000000005/L1']);
      expect(await index.search(query({ excludeNotAccepting: false }))).toHaveLength(5);
      expect(await index.search(query())).toHaveLength(5);
    });

    it('orders by distance, then NPI, then location id, and applies the limit', async () => {
      const at = offset(CENTER, 4);
      await index.upsert([
        makeProfile('1000000009', at),
        makeProfile('1000000005', at, { locations: [location('b', at), location('a', at)] }),
        makeProfile('1000000007', offset(CENTER, 1)),
        makeProfile('1000000001', offset(CENTER, 6)),
      ]);
      const all = await index.search(query());
      const order = ['1000000007/L1', '1000000005/a', '1000000005/b', '1000000009/L1'];
      expect(keys(all)).toEqual([...order, '1000000001/L1']);
      expect(keys(await index.search(query({ limit: 3 })))).toEqual(order.slice(0, 3));
      expect(await index.search(query({ limit: 0 }))).toEqual([]);
    });

    it('scores text relevance without filtering, and survives hostile text', async () => {
      const city = [location('L1', offset(CENTER, 8), { city: 'Pawtucket' })];
      await index.upsert([
        makeProfile('1000000001', offset(CENTER, 1), { name: 'Ada Lovelace' }),
        makeProfile('1000000002', offset(CENTER, 8), { name: 'Grace Hopper', locations: city }),
        makeProfile('1000000003', offset(CENTER, 5), { name: 'Alan Turing' }),
      ]);
      const hits = await index.search(query({ text: 'Referral to Hopper, seen in pawtucket' }));
      expect(hits).toHaveLength(3);
      const score = (npi: string) => hits.find((h) => h.profile.npi === npi)?.textScore;
      expect(score('1000000002')).toBeGreaterThan(0);
      expect(score('1000000001')).toBe(0);
      const turing = await index.search(query({ text: 'turing' }));
      expect(turing.find((h) => h.profile.npi === '1000000003')?.textScore).toBeGreaterThan(0);
      for (const text of ['"); DROP TABLE x; --', '*:', 'NEAR(a b', 'AND OR NOT', '""', '^', '']) {
        const got = await index.search(query({ text }));
        expect(got).toHaveLength(3);
      }
    });

    it('excludeNpis leaves out every location of those practitioners, and only them', async () => {
      const two = [location('A', offset(CENTER, 1)), location('B', offset(CENTER, 4))];
      await index.upsert([
        makeProfile('1000000001', null, { locations: two }),
        makeProfile('1000000002', offset(CENTER, 2)),
        makeProfile('1000000003', offset(CENTER, 3)),
      ]);
      const got = await index.search(query({ excludeNpis: ['1000000001', '1999999999'] }));
      expect(keys(got)).toEqual(['1000000002/L1', '1000000003/L1']);
      expect(await index.search(query({ excludeNpis: [] }))).toHaveLength(4);
      const all = ['1000000001', '1000000002', '1000000003'];
      expect(await index.search(query({ excludeNpis: all }))).toEqual([]);
    });

    it('requireReachable keeps a profile with an endpoint, else only its locations with a fax', async () => {
      const direct = { channel: 'direct' as const, address: 'dr@direct.example.org' };
      const faxed = [
        location('F', offset(CENTER, 1), { fax: '401-555-0100' }),
        location('N', offset(CENTER, 2)),
      ];
      await index.upsert([
        makeProfile('1000000001', offset(CENTER, 3), { endpoints: [direct] }),
        makeProfile('1000000002', null, { locations: faxed }),
        makeProfile('1000000003', offset(CENTER, 4)),
        makeProfile('1000000004', offset(CENTER, 5), {
          endpoints: [direct],
          preferredChannel: 'fhir',
        }),
      ]);
      const reachable = await index.search(query({ requireReachable: true }));
      expect(keys(reachable)).toEqual(['1000000002/F', '1000000001/L1', '1000000004/L1']);
      expect(await index.search(query({ requireReachable: false }))).toHaveLength(5);
      expect(await index.search(query())).toHaveLength(5);
    });

    it('returns the open practitioner behind a closed cluster that fills the limit', async () => {
      const closed = Array.from({ length: 60 }, (_, i) =>
        makeProfile(
          `11000000${String(i).padStart(2, '0')}`,
          offset(CENTER, 2 * Math.sin(i), 1.5 * Math.cos(i)),
          { acceptingNewPatients: false },
        ),
      );
      const open = makeProfile('1200000000', offset(CENTER, 0, 25));
      await index.upsert([...closed, open]);
      const hits = await index.search(query({ excludeNotAccepting: true }));
      expect(keys(hits)).toEqual(['1200000000/L1']);
      expect(hits[0]?.distanceKm).toBeCloseTo(25, 3);
      const everyone = await index.search(query());
      expect(everyone).toHaveLength(50);
      expect(keys(everyone)).not.toContain('1200000000/L1');
    });

    it('applies every constraint at once: the nearest eligible, in order, up to the limit', async () => {
      const faxAt = (km: number) => [location('L1', offset(CENTER, km), { fax: '401-555-0101' })];
      const net = { networkIds: ['net-a'] };
      await index.upsert([
        makeProfile('1300000001', null, {
          ...net,
          locations: faxAt(1),
          acceptingNewPatients: false,
        }),
        makeProfile('1300000002', offset(CENTER, 2), net),
        makeProfile('1300000003', null, { networkIds: ['net-b'], locations: faxAt(3) }),
        makeProfile('1300000004', null, { ...net, locations: faxAt(4) }),
        ...[6, 7, 8, 9].map((km) =>
          makeProfile(`150000000${km}`, null, { ...net, locations: faxAt(km) }),
        ),
      ]);
      const constrained = query({
        networkIds: ['net-a'],
        excludeNotAccepting: true,
        requireReachable: true,
        excludeNpis: ['1300000004'],
        limit: 3,
      });
      const hits = await index.search(constrained);
      expect(keys(hits)).toEqual(['1500000006/L1', '1500000007/L1', '1500000008/L1']);
      const loose = await index.search(query({ limit: 3 }));
      expect(keys(loose)).toEqual(['1300000001/L1', '1300000002/L1', '1300000003/L1']);
    });

    it('is idempotent, and supports remove, clear and count', async () => {
      const batch = [1, 2, 3].map((i) => makeProfile(`100000000${i}`, offset(CENTER, i)));
      await index.upsert(batch);
      const first = await index.search(query({ text: 'dr' }));
      await index.upsert(batch);
      expect(await index.count()).toBe(3);
      expect(await index.search(query({ text: 'dr' }))).toEqual(first);
      await index.remove(['1000000002', '1999999999']);
      expect(await index.count()).toBe(2);
      expect(keys(await index.search(query()))).toEqual(['1000000001/L1', '1000000003/L1']);
      await index.clear();
      expect(await index.count()).toBe(0);
      expect(await index.search(query())).toEqual([]);
      await index.upsert(batch);
      expect(await index.count()).toBe(3);
    });
  });
}
