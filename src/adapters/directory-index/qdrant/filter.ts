import type { Schemas } from '@qdrant/js-client-rest';
import type { IndexQuery } from '../../../domain/index.js';

/** Qdrant's haversine and ours differ in the last digits; a hair of slack, then the exact check. */
const RADIUS_SLACK = 1 + 1e-4;

/**
 * Every hard constraint of a search, put on every prefetch (and on the count), so the nearest
 * points the query returns are the nearest eligible ones.
 */
export function searchFilter(q: IndexQuery): Schemas['Filter'] {
  const must: Schemas['Condition'][] = [
    { key: 'active', match: { value: true } },
    { key: 'taxonomy', match: { any: q.taxonomies } },
    {
      key: 'location',
      geo_radius: { center: q.near, radius: q.radiusKm * 1000 * RADIUS_SLACK + 1 },
    },
  ];
  if (q.networkIds) must.push({ key: 'networks', match: { any: q.networkIds } });
  if (q.requireReachable) must.push({ key: 'reachable', match: { value: true } });
  const must_not: Schemas['Condition'][] = [];
  if (q.excludeNotAccepting) must_not.push({ key: 'accepting', match: { value: false } });
  const excluded = [...new Set(q.excludeNpis ?? [])];
  if (excluded.length > 0) must_not.push({ key: 'npi', match: { any: excluded } });
  return { must, must_not };
}
