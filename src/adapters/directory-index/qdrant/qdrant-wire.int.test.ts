import { QdrantClient } from '@qdrant/js-client-rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referralQueries } from '../../../../bench/directory-queries.js';
import { startOpenAiServer } from '../../../../evals/models/index.js';
import { generateDirectory } from '../../../../retrieval/generate/index.js';
import { startQdrantServer } from '../../../../test/fakes/qdrant-server.js';
import { makeProfile, offset } from '../../../../test/support/directory-index-contract.js';
import type { DirectoryIndex, IndexHit } from '../../../domain/index.js';
import { createEmbedder } from '../../llm/index.js';
import { createMemoryDirectoryIndex } from '../memory-index.js';
import { PAYLOAD_INDEXES } from './collection.js';
import { createQdrantDirectoryIndex } from './index.js';

type Server = Awaited<ReturnType<typeof startQdrantServer>>;
const keys = (hits: IndexHit[]) => hits.map((h) => `${h.profile.npi}/${h.locationId}`);
const CENTER = { lat: 41.824, lon: -71.4128 };

describe('Qdrant adapter on the wire (in-process Qdrant stand-in)', () => {
  let server: Server;
  let index: DirectoryIndex;
  beforeEach(async () => {
    server = await startQdrantServer();
    const client = new QdrantClient({ url: server.url, checkCompatibility: false });
    index = await createQdrantDirectoryIndex({ client, collection: 'dir', batchSize: 3 });
  });
  afterEach(() => server.close());

  const paths = (method: string, suffix: string) =>
    server.requests.filter((r) => r.method === method && r.path.endsWith(suffix));

  it('creates every payload index before any point, and filters only on indexed keys', async () => {
    const profiles = [1, 2, 3, 4, 5, 6, 7].map((i) =>
      makeProfile(`100000000${i}`, offset(CENTER, i), { networkIds: ['net-a'] }),
    );
    await index.upsert(profiles);
    await index.search({
      taxonomies: ['207WX0107X'],
      networkIds: ['net-a'],
      near: CENTER,
      radiusKm: 50,
      excludeNotAccepting: true,
      requireReachable: true,
      excludeNpis: ['1000000002'],
      text: 'retina Providence',
      limit: 3,
    });
    await index.remove(['1000000001']);
    await index.count();
    const created = paths('PUT', '/collections/dir/index').map(
      (r) => (r.body as { field_name: string }).field_name,
    );
    expect(created.sort()).toEqual(PAYLOAD_INDEXES.map(([f]) => f).sort());
    const firstWrite = server.requests.findIndex((r) => r.path.includes('/points'));
    const lastIndex = server.requests.findLastIndex((r) => r.path.endsWith('/index'));
    expect(lastIndex).toBeLessThan(firstWrite);
    expect([...server.unindexedFilterKeys]).toEqual([]);
  });

  it('drops a collection built without a payload index a search now needs (the count check then rebuilds it)', async () => {
    const client = new QdrantClient({ url: server.url, checkCompatibility: false });
    await client.createCollection('old', { sparse_vectors: { text: { modifier: 'idf' } } });
    for (const [field_name, field_schema] of PAYLOAD_INDEXES) {
      if (field_name === 'reachable') continue;
      await client.createPayloadIndex('old', { field_name, field_schema, wait: true });
    }
    const id = '00000000-0000-4000-8000-000000000001';
    const payload = { npi: '1000000001', primary: true, active: true };
    await client.upsert('old', { wait: true, points: [{ id, vector: {}, payload }] });
    const reopened = await createQdrantDirectoryIndex({ client, collection: 'old' });
    expect(await reopened.count()).toBe(0);
    const { payload_schema } = await client.getCollection('old');
    expect(Object.keys(payload_schema).sort()).toEqual(PAYLOAD_INDEXES.map(([f]) => f).sort());
  });

  it('writes in bounded batches (delete then upsert per batch) and puts the filter on every prefetch', async () => {
    const profiles = Array.from({ length: 10 }, (_, i) =>
      makeProfile(`10000000${String(i).padStart(2, '0')}`, offset(CENTER, i + 1)),
    );
    await index.upsert(profiles);
    const batches = paths('POST', '/points/batch');
    expect(batches).toHaveLength(4);
    for (const b of batches) {
      const ops = (b.body as { operations: Record<string, unknown>[] }).operations;
      expect(Object.keys(ops[0] ?? {})).toEqual(['delete']);
      expect(Object.keys(ops[1] ?? {})).toEqual(['upsert']);
    }
    await index.search({
      taxonomies: ['207WX0107X'],
      near: CENTER,
      radiusKm: 50,
      text: 'dr',
      limit: 4,
    });
    const queries = paths('POST', '/points/query').map((r) => r.body as Record<string, unknown>);
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const prefetches = [q.prefetch ?? []].flat() as Record<string, unknown>[];
      for (const p of prefetches) expect(p.filter).toBeTruthy();
      if (prefetches.length === 0) expect(q.filter).toBeTruthy();
    }
  });

  it('orders a crowd at one address by NPI, past the fetch margin', async () => {
    const at = offset(CENTER, 2);
    const crowd = Array.from({ length: 60 }, (_, i) =>
      makeProfile(`1${String(999_999_999 - i * 7).padStart(9, '0')}`, at),
    );
    await index.upsert(crowd);
    const hits = await index.search({
      taxonomies: ['207WX0107X'],
      near: CENTER,
      radiusKm: 10,
      limit: 5,
    });
    const expected = crowd
      .map((p) => p.npi)
      .sort()
      .slice(0, 5);
    expect(hits.map((h) => h.profile.npi)).toEqual(expected);
  });

  it('returns the same hits as the exhaustive scan on a generated directory', async () => {
    const profiles = [...generateDirectory({ count: 1500, seed: 7 }).profiles()];
    const reference = createMemoryDirectoryIndex(profiles);
    await index.upsert(profiles);
    expect(await index.count()).toBe(await reference.count());
    const queries = referralQueries(40, 11).map((b) => ({ ...b.query, limit: 25 }));
    let compared = 0;
    for (const q of queries) {
      const [got, want] = [await index.search(q), await reference.search(q)];
      expect(keys(got)).toEqual(keys(want));
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('turns an unreachable Qdrant into an upstream outage (the referral waits, it is not dropped)', async () => {
    await index.upsert([makeProfile('1000000001', offset(CENTER, 1))]);
    await server.close();
    const query = { taxonomies: ['207WX0107X'], near: CENTER, radiusKm: 50, limit: 3 };
    await expect(index.search(query)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      isRetryable: true,
    });
    server = await startQdrantServer();
  });

  it('with embeddings, fuses the sparse and dense vectors by RRF, each prefetch filtered', async () => {
    const llm = await startOpenAiServer();
    try {
      const embedder = createEmbedder({
        ...{ apiKey: 'test', baseUrl: llm.url, model: 'chat', timeoutMs: 2000, maxRetries: 0 },
        ...{ structuredOutput: 'jsonSchema', zeroRetention: false },
        embeddings: { apiKey: 'test', baseUrl: llm.url, model: 'embed', dimensions: 8 },
      });
      if (!embedder) throw new Error('expected an embedder');
      const client = new QdrantClient({ url: server.url, checkCompatibility: false });
      const dense = await createQdrantDirectoryIndex({ client, collection: 'dense', embedder });
      await dense.upsert([
        makeProfile('1000000001', offset(CENTER, 1), { name: 'Ada Lovelace' }),
        makeProfile('1000000002', offset(CENTER, 2), { name: 'Grace Hopper' }),
      ]);
      const hits = await dense.search({
        taxonomies: ['207WX0107X'],
        near: CENTER,
        radiusKm: 50,
        text: 'hopper',
        limit: 5,
      });
      expect(hits.map((h) => h.profile.npi)).toEqual(['1000000001', '1000000002']);
      expect(hits.every((h) => h.textScore > 0)).toBe(true);
      const fused = paths('POST', '/collections/dense/points/query')
        .map((r) => r.body as { query?: unknown; prefetch?: { using: string; filter: unknown }[] })
        .find((b) => JSON.stringify(b.query) === '{"fusion":"rrf"}');
      expect(fused?.prefetch?.map((p) => p.using)).toEqual(['text', 'dense']);
      expect(fused?.prefetch?.every((p) => p.filter)).toBe(true);
      expect(llm.requests.filter((r) => r.path.endsWith('/embeddings')).length).toBe(2);
    } finally {
      await llm.close();
    }
  });
});
