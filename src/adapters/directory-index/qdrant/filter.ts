import type { Schemas } from '@qdrant/js-client-rest';
import type { IndexQuery } from '../../../domain/index.js';

/** Qdrant's haversine and ours differ in the last digits; a hair of slack, then the exact check. */
const RADIUS_SLACK = 1 + 1e-4;

/** The hard filters of a search, put on every prefetch. */
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
  const must_not: Schemas['Condition'][] = q.excludeNotAccepting
    ? [{ key: 'accepting', match: { value: false } }]
    : [];
  return { must, must_not };
}
