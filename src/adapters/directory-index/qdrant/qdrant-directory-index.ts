import type { QdrantClient, Schemas } from '@qdrant/js-client-rest';
import {
  AppError,
  type DirectoryIndex,
  type DirectoryProfile,
  distanceKm,
  type Embedder,
  type IndexHit,
  type IndexQuery,
  isAppError,
} from '../../../domain/index.js';
import { profileText, queryTerms } from '../text.js';
import { ensureCollection } from './collection.js';
import { searchFilter } from './filter.js';
import { DENSE_VECTOR, type PointPayload, pointsOf, TEXT_VECTOR } from './points.js';
import { queryVector } from './sparse.js';

export interface QdrantIndexOptions {
  client: QdrantClient;
  collection: string;
  /** Adds a dense vector per profile, fused with the sparse one by RRF (optional). */
  embedder?: Embedder;
  /** Profiles per upsert request: far below Qdrant's 32 MiB request limit. */
  batchSize?: number;
  /** Upsert requests in flight at once. */
  parallel?: number;
}

/** Extra points fetched past the limit, so equal distances at the cut can be ordered by NPI. */
const MARGIN = 16;
/** Closer than this, two distances may swap between Qdrant's haversine and ours. */
const TIE_KM = 0.01;

/** Qdrant unreachable or failing: an upstream outage, so the referral waits and is retried. */
function guarded<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isAppError(error)) throw error;
      const status = (error as { status?: unknown }).status;
      throw new AppError('UPSTREAM_UNAVAILABLE', 'The directory index (Qdrant) did not answer', {
        details: { upstream: 'qdrant', ...(typeof status === 'number' ? { status } : {}) },
      });
    }
  };
}

/** A hit with the id of its point, for the text-score lookup. */
type PointHit = IndexHit & { id: string };

const hitOrder = (a: IndexHit, b: IndexHit) =>
  a.distanceKm - b.distanceKm ||
  (a.profile.npi < b.profile.npi ? -1 : a.profile.npi > b.profile.npi ? 1 : 0) ||
  (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0);

/**
 * The directory index in Qdrant: one point per located location, hard filters as payload
 * conditions on every prefetch, nearest first by a `geo_distance` formula, text relevance from a
 * sparse BM25-style vector (idf on the server), fused with a dense one by RRF when embeddings are
 * configured.
 */
export async function createQdrantDirectoryIndex(
  options: QdrantIndexOptions,
): Promise<DirectoryIndex> {
  const { client, collection: name, embedder } = options;
  const batchSize = options.batchSize ?? 128;
  const parallel = options.parallel ?? 2;
  await ensureCollection(client, name, embedder?.dimensions ?? null);

  const byNpi = (npis: readonly string[]): Schemas['Filter'] => ({
    must: [{ key: 'npi', match: { any: [...npis] } }],
  });

  async function writeBatch(profiles: readonly DirectoryProfile[]): Promise<void> {
    const active = profiles.filter((p) => p.active);
    const dense = embedder ? await embedder.embed(active.map(profileText)) : [];
    const points = active.flatMap((p, i) => pointsOf(p, dense[i]));
    const operations: Schemas['UpdateOperations']['operations'] = [
      { delete: { filter: byNpi(profiles.map((p) => p.npi)) } },
    ];
    if (points.length > 0) operations.push({ upsert: { points } });
    await client.batchUpdate(name, { wait: true, operations });
  }

  async function nearest(q: IndexQuery, filter: Schemas['Filter']): Promise<PointHit[]> {
    const { count } = await client.count(name, { filter, exact: true });
    if (count === 0) return [];
    const formula = { neg: { geo_distance: { origin: q.near, to: 'location' } } };
    for (let want = Math.min(count, q.limit + MARGIN); ; want = Math.min(count, want * 2)) {
      const { points } = await client.query(name, {
        prefetch: { filter, limit: count },
        query: { formula },
        limit: want,
        with_payload: ['profile', 'locationId'],
      });
      const hits = points.flatMap((point): PointHit[] => {
        const { profile, locationId } = point.payload as Pick<
          PointPayload,
          'profile' | 'locationId'
        >;
        const at = profile.locations.find((l) => l.id === locationId)?.position;
        if (!at) return [];
        const km = distanceKm(q.near, at);
        if (km > q.radiusKm) return [];
        return [{ id: String(point.id), profile, locationId, distanceKm: km, textScore: 0 }];
      });
      hits.sort(hitOrder);
      const farthest = -(points.at(-1)?.score ?? 0) / 1000;
      const cut = hits[q.limit - 1]?.distanceKm ?? Number.POSITIVE_INFINITY;
      if (points.length < want || want === count || farthest - cut > TIE_KM) {
        return hits.slice(0, q.limit);
      }
    }
  }

  async function textScores(ids: string[], text: string): Promise<Map<string, number>> {
    const terms = queryTerms(text);
    if (terms.length === 0) return new Map();
    const filter: Schemas['Filter'] = { must: [{ has_id: ids }] };
    const sparse = { query: queryVector(terms), using: TEXT_VECTOR, filter, limit: ids.length };
    const [dense] = embedder ? await embedder.embed([text]) : [];
    const { points } = await client.query(
      name,
      dense
        ? {
            prefetch: [sparse, { query: dense, using: DENSE_VECTOR, filter, limit: ids.length }],
            query: { fusion: 'rrf' },
            limit: ids.length,
            with_payload: false,
          }
        : { ...sparse, with_payload: false },
    );
    return new Map(points.map((p) => [String(p.id), p.score]));
  }

  const index: DirectoryIndex = {
    async upsert(profiles) {
      const batches: DirectoryProfile[][] = [];
      for (let i = 0; i < profiles.length; i += batchSize) {
        batches.push(profiles.slice(i, i + batchSize));
      }
      for (let i = 0; i < batches.length; i += parallel) {
        await Promise.all(batches.slice(i, i + parallel).map(writeBatch));
      }
    },
    async remove(npis) {
      if (npis.length === 0) return;
      await client.delete(name, { wait: true, filter: byNpi(npis) });
    },
    async search(q) {
      if (q.limit <= 0 || q.taxonomies.length === 0 || q.networkIds?.length === 0) return [];
      const hits = await nearest(q, searchFilter(q));
      if (!q.text || hits.length === 0) return hits.map(({ id: _, ...hit }) => hit);
      const scores = await textScores(
        hits.map((h) => h.id),
        q.text,
      );
      return hits.map(({ id, ...hit }) => ({ ...hit, textScore: scores.get(id) ?? 0 }));
    },
    async count() {
      const filter = { must: [{ key: 'primary', match: { value: true } }] };
      return (await client.count(name, { filter, exact: true })).count;
    },
    async clear() {
      await client.deleteCollection(name);
      await ensureCollection(client, name, embedder?.dimensions ?? null);
    },
  };
  return {
    upsert: guarded(index.upsert),
    remove: guarded(index.remove),
    search: guarded(index.search),
    count: guarded(index.count),
    clear: guarded(index.clear),
  };
}
