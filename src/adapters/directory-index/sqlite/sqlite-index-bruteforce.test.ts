import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  location,
  makeProfile,
  offset,
} from '../../../../test/support/directory-index-contract.js';
import type { DirectoryProfile, GeoPoint, IndexQuery } from '../../../domain/index.js';
import { distanceKm } from '../../../domain/index.js';
import { createSqliteDirectoryIndex } from './index.js';

/** mulberry32: a fixed seed gives the same profiles and queries on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ['207WX0107X', '207WX0009X', '207WX0108X', '207W00000X', '152W00000X', '2086S0129X'];
const NETWORKS = ['net-a', 'net-b', 'net-c', 'net-d', 'net-e'];
const CITIES: GeoPoint[] = [
  { lat: 41.824, lon: -71.4128 },
  { lat: 42.3601, lon: -71.0589 },
  { lat: 40.7128, lon: -74.006 },
];

function generate(count: number, rand: () => number): DirectoryProfile[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const near = () => offset(pick(CITIES), (rand() - 0.5) * 120, (rand() - 0.5) * 120);
  const tri = (): boolean | null => pick([true, false, null, null]);
  return Array.from({ length: count }, (_, i) => {
    const npi = String(1_100_000_000 + i);
    const codes = [...new Set([pick(CODES), ...(rand() < 0.3 ? [pick(CODES)] : [])])];
    const nLoc = rand() < 0.3 ? 2 : 1;
    const locations = Array.from({ length: nLoc }, (_, k) =>
      location(`L${k}`, rand() < 0.05 ? null : near(), { acceptingNewPatients: tri() }),
    );
    const networkIds = NETWORKS.filter(() => rand() < 0.3);
    const extra = { taxonomyCodes: codes, locations, networkIds, active: rand() > 0.05 };
    return makeProfile(npi, null, { ...extra, acceptingNewPatients: tri() });
  });
}

function bruteForce(profiles: readonly DirectoryProfile[], q: IndexQuery): string[] {
  const hits: { key: string; d: number; npi: string; loc: string }[] = [];
  for (const p of profiles) {
    if (!p.active || !p.taxonomyCodes.some((c) => q.taxonomies.includes(c))) continue;
    if (q.networkIds && !p.networkIds.some((n) => q.networkIds?.includes(n))) continue;
    for (const l of p.locations) {
      if (!l.position) continue;
      const accepting = l.acceptingNewPatients ?? p.acceptingNewPatients;
      if (q.excludeNotAccepting && accepting === false) continue;
      const d = distanceKm(q.near, l.position);
      if (d <= q.radiusKm) hits.push({ key: `${p.npi}/${l.id}`, d, npi: p.npi, loc: l.id });
    }
  }
  hits.sort((a, b) => a.d - b.d || a.npi.localeCompare(b.npi) || a.loc.localeCompare(b.loc));
  return hits.slice(0, q.limit).map((h) => h.key);
}

describe('sqlite directory index at 20,000 profiles', () => {
  it('indexes quickly and matches a brute-force filter exactly', async () => {
    const rand = rng(20240611);
    const profiles = generate(20_000, rand);
    const db = new Database(':memory:');
    const index = createSqliteDirectoryIndex(db);
    const started = performance.now();
    await index.upsert(profiles);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await index.count()).toBe(profiles.filter((p) => p.active).length);

    for (let i = 0; i < 50; i += 1) {
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      const center = CITIES[i % CITIES.length] as GeoPoint;
      const q: IndexQuery = {
        taxonomies: i % 4 === 0 ? [pick(CODES), pick(CODES)] : [pick(CODES)],
        near: offset(center, (rand() - 0.5) * 60, (rand() - 0.5) * 60),
        radiusKm: pick([1, 5, 15, 40, 100, 400]),
        limit: pick([5, 25, 200, 100_000]),
        ...(i % 3 === 0 ? { networkIds: [pick(NETWORKS)] } : {}),
        ...(i % 5 === 0 ? { excludeNotAccepting: true } : {}),
      };
      const got = (await index.search(q)).map((h) => `${h.profile.npi}/${h.locationId}`);
      expect(got, JSON.stringify(q)).toEqual(bruteForce(profiles, q));
    }
    db.close();
  });
});
