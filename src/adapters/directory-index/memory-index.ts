import {
  type DirectoryIndex,
  type DirectoryProfile,
  deliveryOf,
  distanceKm,
  type IndexHit,
  type IndexQuery,
} from '../../domain/index.js';

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function textScore(profile: DirectoryProfile, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  const haystack = new Set(
    words(
      [
        profile.name,
        ...profile.taxonomyCodes,
        ...profile.languages,
        ...profile.locations.map((l) => l.city),
      ].join(' '),
    ),
  );
  return terms.filter((t) => haystack.has(t)).length / terms.length;
}

/** Locale-independent order (UTF-16 code units), as SQLite's BINARY collation and the Qdrant adapter. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An exhaustive scan over profiles held in memory: the reference the real indexes are compared
 * with (same filters, same order), and the index of small fixed directories. Every hard
 * constraint of the query is checked per location before the `limit` nearest are kept.
 */
export function createMemoryDirectoryIndex(
  initial: readonly DirectoryProfile[] = [],
): DirectoryIndex {
  const profiles = new Map<string, DirectoryProfile>();
  const put = (p: DirectoryProfile) => {
    if (p.active) profiles.set(p.npi, p);
    else profiles.delete(p.npi);
  };
  for (const p of initial) put(p);
  return {
    async upsert(batch) {
      for (const p of batch) put(p);
    },
    async remove(npis) {
      for (const npi of npis) profiles.delete(npi);
    },
    async search(q: IndexQuery): Promise<IndexHit[]> {
      const terms = words(q.text ?? '');
      const excluded = new Set(q.excludeNpis ?? []);
      const hits: IndexHit[] = [];
      for (const profile of profiles.values()) {
        if (!profile.taxonomyCodes.some((t) => q.taxonomies.includes(t))) continue;
        if (q.networkIds && !profile.networkIds.some((n) => q.networkIds?.includes(n))) continue;
        if (excluded.size > 0 && excluded.has(profile.npi)) continue;
        for (const location of profile.locations) {
          if (!location.position) continue;
          const accepting = location.acceptingNewPatients ?? profile.acceptingNewPatients;
          if (q.excludeNotAccepting && accepting === false) continue;
          if (q.requireReachable && !deliveryOf(profile, location.fax)) continue;
          const km = distanceKm(q.near, location.position);
          if (km > q.radiusKm) continue;
          hits.push({
            profile,
            locationId: location.id,
            distanceKm: km,
            textScore: textScore(profile, terms),
          });
        }
      }
      return hits
        .sort(
          (a, b) =>
            a.distanceKm - b.distanceKm ||
            byCodeUnits(a.profile.npi, b.profile.npi) ||
            byCodeUnits(a.locationId, b.locationId),
        )
        .slice(0, q.limit);
    },
    async count() {
      return profiles.size;
    },
    async clear() {
      profiles.clear();
    },
  };
}
