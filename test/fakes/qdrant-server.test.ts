import { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QdrantServerHandle, startQdrantServer } from './qdrant-server.js';

const UUID_A = 'a1b2c3d4-0000-4000-8000-000000000001';
const UUID_B = 'b1b2c3d4-0000-4000-8000-000000000002';
const R = 6371008.8;
/** Along one meridian the haversine distance is exactly R·Δφ. */
const metersAlongMeridian = (deltaLatDeg: number) => (R * Math.abs(deltaLatDeg) * Math.PI) / 180;
const qdrantIdf = (n: number, total: number) => Math.log((total - n + 0.5) / (n + 0.5) + 1);
const at = (lat: number) => ({ lat, lon: -75 });

const POINTS = [
  {
    id: 1,
    vector: { dense: [1, 0, 0, 0], sparse: { indices: [20, 10], values: [1, 1] } },
    payload: {
      tenant_id: 't1',
      category: 'clinic',
      tags: ['retina', 'glaucoma'],
      year: 2021,
      location: at(40),
      name: 'Center Eye',
      staff: [
        { role: 'md', years: 10 },
        { role: 'od', years: 2 },
      ],
    },
  },
  {
    id: 2,
    vector: { dense: [0.8, 0.6, 0, 0], sparse: { indices: [10], values: [1] } },
    payload: {
      tenant_id: 't1',
      category: 'clinic',
      tags: ['cornea'],
      year: 2023,
      location: at(40.01),
    },
  },
  {
    id: 3,
    vector: { dense: [0, 1, 0, 0], sparse: { indices: [30], values: [1] } },
    payload: {
      tenant_id: 't1',
      category: 'hospital',
      tags: ['retina'],
      year: 2024,
      location: at(40.05),
    },
  },
  {
    id: UUID_A,
    vector: { dense: [0, 0, 1, 0], sparse: { indices: [20], values: [2] } },
    payload: { tenant_id: 't1', category: 'optometry', tags: [], year: 2019, note: null },
  },
  {
    id: UUID_B,
    vector: { dense: [0.6, 0.8, 0, 0], sparse: { indices: [40], values: [1] } },
    payload: {
      tenant_id: 't2',
      category: 'clinic',
      tags: ['retina'],
      year: 2025,
      location: at(40.02),
    },
  },
  {
    id: 10,
    vector: { dense: [0.96, 0, 0.28, 0], sparse: { indices: [10], values: [3] } },
    payload: {
      tenant_id: 't1',
      category: 'clinic',
      tags: ['retina'],
      year: 2020,
      location: at(39.99),
      deleted: true,
    },
  },
];

async function qdrantError(call: Promise<unknown>): Promise<{ status: number; error: string }> {
  try {
    await call;
  } catch (caught) {
    const error = caught as { status?: number; data?: { status?: { error?: string } } };
    return { status: error.status ?? -1, error: error.data?.status?.error ?? String(caught) };
  }
  throw new Error('expected the Qdrant call to fail');
}

let server: QdrantServerHandle;
let client: QdrantClient;
type Filter = Parameters<QdrantClient['count']>[1] extends infer A
  ? A extends { filter?: infer F }
    ? F
    : never
  : never;

const ids = async (filter: Filter) =>
  (await client.scroll('docs', { filter, limit: 100, with_payload: false })).points.map(
    (p) => p.id,
  );

beforeAll(async () => {
  server = await startQdrantServer();
  client = new QdrantClient({ url: server.url, checkCompatibility: false });
  await client.createCollection('docs', {
    vectors: { dense: { size: 4, distance: 'Cosine' } },
    sparse_vectors: { sparse: { modifier: 'idf' } },
  });
  type Schema = NonNullable<Parameters<QdrantClient['createPayloadIndex']>[1]['field_schema']>;
  const index = (field_name: string, field_schema: Schema) =>
    client.createPayloadIndex('docs', { field_name, field_schema, wait: true });
  await index('tenant_id', { type: 'keyword', is_tenant: true });
  await index('category', 'keyword');
  await index('tags', 'keyword');
  await index('year', { type: 'integer', lookup: false, range: true });
  await index('location', 'geo');
  await index('deleted', 'bool');
  await client.upsert('docs', { wait: true, points: POINTS });
});

afterAll(async () => {
  await server.close();
});

describe('fake Qdrant server: collections and points', () => {
  it('answers version info, existence and collection info in Qdrant shapes', async () => {
    // `GET /` is the one un-enveloped answer: the client returns the body as-is.
    expect(await client.versionInfo()).toEqual({
      title: 'qdrant - vector search engine',
      version: '1.16.0',
      commit: null,
    });
    expect(await client.collectionExists('docs')).toEqual({ exists: true });
    expect(await client.collectionExists('nope')).toEqual({ exists: false });
    const info = await client.getCollection('docs');
    expect(info.status).toBe('green');
    expect(info.points_count).toBe(6);
    expect(info.config.params.vectors).toEqual({ dense: { size: 4, distance: 'Cosine' } });
    expect(info.config.params.sparse_vectors).toEqual({ sparse: { modifier: 'idf' } });
    expect(info.payload_schema.category).toEqual({ data_type: 'keyword', points: 6 });
    expect(info.payload_schema.location).toEqual({ data_type: 'geo', points: 5 });
    expect(info.payload_schema.year).toEqual({
      data_type: 'integer',
      params: { type: 'integer', lookup: false, range: true },
      points: 6,
    });
    const missing = await qdrantError(client.getCollection('nope'));
    expect(missing).toEqual({ status: 404, error: "Not found: Collection `nope` doesn't exist!" });
  });

  it('creates a sparse-only collection (no dense vectors) and deletes collections', async () => {
    await client.createCollection('plain', { sparse_vectors: { text: {} } });
    await client.upsert('plain', {
      points: [
        { id: 1, vector: { text: { indices: [7, 3], values: [2, 0.5] } } },
        { id: 2, vector: { text: { indices: [3], values: [4] } } },
      ],
    });
    const info = await client.getCollection('plain');
    expect(info.config.params.vectors).toEqual({});
    // No idf modifier: the plain dot product over shared indices.
    const { points } = await client.query('plain', {
      query: { indices: [3, 7], values: [1, 1] },
      using: 'text',
    });
    expect(points.map((p) => [p.id, p.score])).toEqual([
      [2, 4],
      [1, 2.5],
    ]);
    const [record] = await client.retrieve('plain', { ids: [1], with_vector: true });
    expect(record?.vector).toEqual({ text: { indices: [3, 7], values: [0.5, 2] } });
    expect(await client.deleteCollection('plain')).toBe(true);
    expect(await client.collectionExists('plain')).toEqual({ exists: false });
  });

  it('scrolls in id order (integers before UUIDs), pages with next_page_offset, retrieves by id', async () => {
    const page1 = await client.scroll('docs', { limit: 3, with_payload: false });
    expect(page1.points.map((p) => p.id)).toEqual([1, 2, 3]);
    expect(page1.next_page_offset).toBe(10);
    const page2 = await client.scroll('docs', { limit: 3, offset: 10, with_payload: ['name'] });
    expect(page2.points.map((p) => p.id)).toEqual([10, UUID_A, UUID_B]);
    expect(page2.next_page_offset).toBeNull();
    expect(page2.points[0]?.payload).toEqual({});

    const records = await client.retrieve('docs', {
      ids: [UUID_A.toUpperCase(), 1, 999],
      with_payload: { include: ['name', 'category'] },
      with_vector: ['dense'],
    });
    expect(records).toEqual([
      { id: UUID_A, payload: { category: 'optometry' }, vector: { dense: [0, 0, 1, 0] } },
      {
        id: 1,
        payload: { category: 'clinic', name: 'Center Eye' },
        vector: { dense: [1, 0, 0, 0] },
      },
    ]);
  });

  it('validates ids, vectors and sparse vectors with 400s', async () => {
    const bad = (point: Record<string, unknown>) =>
      qdrantError(
        client.upsert('docs', { wait: true, points: [point as (typeof POINTS)[number]] }),
      );

    const invalidId = await bad({ id: 'not-a-uuid', vector: {} });
    expect(invalidId.status).toBe(400);
    expect(invalidId.error).toContain('is not a valid point ID');
    expect((await bad({ id: -1, vector: {} })).status).toBe(400);
    expect((await bad({ id: 1.5, vector: {} })).status).toBe(400);

    const duplicate = await bad({
      id: 50,
      vector: { sparse: { indices: [1, 1], values: [1, 2] } },
    });
    expect(duplicate).toEqual({
      status: 400,
      error: 'Validation error in JSON body: [points[0].vector.sparse.indices: must be unique]',
    });
    const lengths = await bad({ id: 50, vector: { sparse: { indices: [1, 2], values: [1] } } });
    expect(lengths.status).toBe(400);
    expect(lengths.error).toContain('same length');
    const dims = await bad({ id: 50, vector: { dense: [1, 0, 0] } });
    expect(dims).toEqual({
      status: 400,
      error: 'Wrong input: Vector dimension error: expected dim: 4, got 3',
    });
    const name = await bad({ id: 50, vector: { colbert: [1, 0, 0, 0] } });
    expect(name.error).toBe('Wrong input: Not existing vector name error: colbert');
    expect((await client.count('docs', {})).count).toBe(6);

    // UUIDs in simple (32 hex) form are accepted and answered hyphenated, lowercase.
    await client.createCollection('ids', { vectors: { size: 2, distance: 'Dot' } });
    await client.upsert('ids', {
      points: [{ id: 'ABCDEF00112233445566778899AABBCC', vector: [1, 2] }],
    });
    const [only] = (await client.scroll('ids', { with_vector: true })).points;
    expect(only).toEqual({
      id: 'abcdef00-1122-3344-5566-778899aabbcc',
      payload: {},
      vector: [1, 2],
    });
  });
});

describe('fake Qdrant server: filters', () => {
  it('matches keyword values, any and except over array payloads', async () => {
    server.unindexedFilterKeys.clear();
    expect(await ids({ must: [{ key: 'tags', match: { value: 'retina' } }] })).toEqual([
      1,
      3,
      10,
      UUID_B,
    ]);
    expect(await ids({ must: [{ key: 'tags', match: { any: ['glaucoma', 'cornea'] } }] })).toEqual([
      1, 2,
    ]);
    // Except: at least one element outside the list; an empty array has none.
    expect(await ids({ must: [{ key: 'tags', match: { except: ['retina'] } }] })).toEqual([1, 2]);
    expect(await ids({ must: [{ key: 'category', match: { except: ['clinic'] } }] })).toEqual([
      3,
      UUID_A,
    ]);
    expect(await ids({ must: [{ key: 'deleted', match: { value: true } }] })).toEqual([10]);
    expect(await ids({ must: [{ key: 'year', match: { value: 2023 } }] })).toEqual([2]);
    expect(await ids({ must: [{ key: 'year', range: { gte: 2023 } }] })).toEqual([2, 3, UUID_B]);
    expect(await ids({ must: [{ key: 'year', range: { gt: 2019, lt: 2021 } }] })).toEqual([10]);
    expect(await ids({ must: [{ has_id: [UUID_B, 2] }] })).toEqual([2, UUID_B]);
    expect(await ids({ must: [{ is_empty: { key: 'location' } }] })).toEqual([UUID_A]);
    expect(await ids({ must: [{ is_empty: { key: 'tags' } }] })).toEqual([UUID_A]);
    // Only indexed keys were filtered on so far.
    expect([...server.unindexedFilterKeys]).toEqual([]);
  });

  it('combines must / should / must_not / min_should and nested filters', async () => {
    const hospitalOrOld = {
      should: [
        { key: 'category', match: { value: 'hospital' } },
        { key: 'year', range: { lt: 2020 } },
      ],
    };
    expect(await ids(hospitalOrOld)).toEqual([3, UUID_A]);
    expect(await ids({ should: [] })).toEqual([]);
    expect(
      await ids({
        must_not: [
          {
            must: [
              { key: 'category', match: { value: 'clinic' } },
              { key: 'tenant_id', match: { value: 't1' } },
            ],
          },
        ],
      }),
    ).toEqual([3, UUID_A, UUID_B]);
    expect(
      await ids({
        min_should: {
          conditions: [
            { key: 'category', match: { value: 'clinic' } },
            { key: 'tags', match: { value: 'retina' } },
            { key: 'year', range: { gte: 2023 } },
          ],
          min_count: 3,
        },
      }),
    ).toEqual([UUID_B]);
    expect([...server.unindexedFilterKeys]).toEqual([]);
  });

  it('evaluates nested objects per element and records unindexed filter keys', async () => {
    server.unindexedFilterKeys.clear();
    const flat = {
      must: [
        { key: 'staff[].role', match: { value: 'od' } },
        { key: 'staff[].years', range: { gte: 5 } },
      ],
    };
    expect(await ids(flat)).toEqual([1]);
    // `nested` checks both conditions against the same array element: no staff member matches.
    const inner = {
      must: [
        { key: 'role', match: { value: 'od' } },
        { key: 'years', range: { gte: 5 } },
      ],
    };
    expect(await ids({ must: [{ nested: { key: 'staff', filter: inner } }] })).toEqual([]);
    expect(
      await ids({
        must: [{ nested: { key: 'staff', filter: { must: [inner.must[0] as never] } } }],
      }),
    ).toEqual([1]);
    expect(await ids({ must: [{ is_null: { key: 'note' } }] })).toEqual([UUID_A]);
    expect([...server.unindexedFilterKeys].sort()).toEqual([
      'note',
      'staff[].role',
      'staff[].years',
    ]);
  });

  it('applies geo radius (strict, haversine metres), bounding boxes, and never matches a missing field', async () => {
    const d = metersAlongMeridian(0.01); // points 2 (north) and 10 (south) are this far from point 1
    expect(d).toBeCloseTo(1111.95, 2);
    const within = (radius: number) => ({
      must: [{ key: 'location', geo_radius: { center: at(40), radius } }],
    });
    expect(await ids(within(d + 0.5))).toEqual([1, 2, 10]);
    expect(await ids(within(d - 0.5))).toEqual([1]);
    // UUID_A has no location: a geo condition on a missing field is false, so must_not keeps it.
    expect(await ids({ must_not: [within(d + 0.5).must[0] as never] })).toEqual([
      3,
      UUID_A,
      UUID_B,
    ]);
    expect(
      await ids({
        must: [
          {
            key: 'location',
            geo_bounding_box: {
              top_left: { lat: 40.015, lon: -75.01 },
              bottom_right: { lat: 39.995, lon: -74.99 },
            },
          },
        ],
      }),
    ).toEqual([1, 2]);
  });

  it('counts with a filter', async () => {
    expect(await client.count('docs', { exact: true })).toEqual({ count: 6 });
    const t1 = await client.count('docs', {
      filter: { must: [{ key: 'tenant_id', match: { value: 't1' } }] },
      exact: true,
    });
    expect(t1).toEqual({ count: 5 });
  });
});

describe('fake Qdrant server: Query API', () => {
  const t1 = { must: [{ key: 'tenant_id', match: { value: 't1' } }] };
  const clinics = { must: [{ key: 'category', match: { value: 'clinic' } }] };
  const sparseQuery = { indices: [10, 30], values: [1, 1] };

  it('scores sparse vectors with Qdrant idf: rarer terms score higher, no overlap means absent', async () => {
    const { points } = await client.query('docs', {
      query: sparseQuery,
      using: 'sparse',
      limit: 10,
    });
    // 6 points carry the sparse vector; index 10 is in 3 of them, index 30 in 1.
    const common = qdrantIdf(3, 6); // = ln 2
    const rare = qdrantIdf(1, 6);
    expect(common).toBeCloseTo(Math.LN2, 12);
    expect(points.map((p) => p.id)).toEqual([10, 3, 1, 2]);
    const scores = points.map((p) => p.score);
    expect(scores[0]).toBeCloseTo(3 * common, 10);
    expect(scores[1]).toBeCloseTo(rare, 10);
    expect(scores[2]).toBeCloseTo(common, 10);
    expect(scores[3]).toBeCloseTo(common, 10);
    expect(rare).toBeGreaterThan(common);
    expect(points.every((p) => p.payload === undefined && typeof p.version === 'number')).toBe(
      true,
    );
  });

  it('searches dense vectors by cosine with filter, offset and score_threshold', async () => {
    const { points } = await client.query('docs', {
      query: [2, 0, 0, 0],
      using: 'dense',
      filter: clinics,
      with_payload: ['name'],
    });
    expect(points.map((p) => [p.id, Number(p.score.toFixed(6))])).toEqual([
      [1, 1],
      [10, 0.96],
      [2, 0.8],
      [UUID_B, 0.6],
    ]);
    expect(points[0]?.payload).toEqual({ name: 'Center Eye' });
    const page = await client.query('docs', {
      query: { nearest: [1, 0, 0, 0] },
      using: 'dense',
      offset: 1,
      limit: 2,
      score_threshold: 0.7,
    });
    expect(page.points.map((p) => p.id)).toEqual([10, 2]);
  });

  it('fuses two prefetches with their own filters by RRF (k = 2 by default, or {rrf: {k}})', async () => {
    const prefetch = [
      { query: [1, 0, 0, 0], using: 'dense', filter: clinics, limit: 10 },
      { query: sparseQuery, using: 'sparse', filter: t1, limit: 10 },
    ];
    // Dense ranks: 1, 10, 2, B.  Sparse ranks: 10, 3, 1, 2.  score = Σ 1 / (k + rank0).
    const rrf = await client.query('docs', { prefetch, query: { fusion: 'rrf' }, limit: 10 });
    expect(rrf.points.map((p) => p.id)).toEqual([10, 1, 2, 3, UUID_B]);
    const expected = [1 / 3 + 1 / 2, 1 / 2 + 1 / 4, 1 / 4 + 1 / 5, 1 / 3, 1 / 5];
    rrf.points.forEach((p, i) => {
      expect(p.score).toBeCloseTo(expected[i] as number, 12);
    });

    const k60 = await client.query('docs', { prefetch, query: { rrf: { k: 60 } }, limit: 2 });
    expect(k60.points.map((p) => p.id)).toEqual([10, 1]);
    expect(k60.points[0]?.score).toBeCloseTo(1 / 61 + 1 / 60, 12);

    // The root filter is propagated into every prefetch.
    const noT2 = await client.query('docs', {
      prefetch,
      query: { fusion: 'rrf' },
      filter: { must_not: [{ key: 'tenant_id', match: { value: 't2' } }] },
    });
    expect(noT2.points.map((p) => p.id)).toEqual([10, 1, 2, 3]);

    const dbsf = await client.query('docs', { prefetch, query: { fusion: 'dbsf' } });
    expect(dbsf.points.map((p) => p.id).sort()).toEqual([1, 10, 2, 3, UUID_B].sort());
  });

  it('rescores a filter-only prefetch with {neg: geo_distance}: nearest first, score = -metres', async () => {
    const origin = { lat: 40.012, lon: -75 };
    const { points } = await client.query('docs', {
      prefetch: {
        filter: { must: t1.must, must_not: [{ is_empty: { key: 'location' } }] },
        limit: 100,
      },
      query: { formula: { neg: { geo_distance: { origin, to: 'location' } } } },
      with_payload: true,
    });
    expect(points.map((p) => p.id)).toEqual([2, 1, 10, 3]);
    const latOf = (p: (typeof points)[number]) =>
      (p.payload as { location: { lat: number } }).location.lat;
    for (const p of points) {
      expect(p.score).toBeCloseTo(-metersAlongMeridian(latOf(p) - origin.lat), 3);
    }
  });

  it('boosts prefetch scores with conditions, variables and defaults; errors like Qdrant', async () => {
    const prefetch = { query: [1, 0, 0, 0], using: 'dense', filter: t1 };
    const boosted = await client.query('docs', {
      prefetch,
      query: {
        formula: {
          sum: ['$score', { mult: [0.5, { key: 'category', match: { value: 'hospital' } }] }],
        },
      },
    });
    expect(boosted.points.map((p) => [p.id, Number(p.score.toFixed(6))])).toEqual([
      [1, 1],
      [10, 0.96],
      [2, 0.8],
      [3, 0.5],
      [UUID_A, 0],
    ]);

    const rated = { formula: { sum: ['$score[0]', 'rating'] } };
    const missing = await qdrantError(client.query('docs', { prefetch, query: rated }));
    expect(missing.status).toBe(400);
    expect(missing.error).toContain('No value found in a payload nor defaults');
    const withDefault = await client.query('docs', {
      prefetch,
      query: { ...rated, defaults: { rating: 2 } },
      limit: 1,
    });
    expect(withDefault.points.map((p) => [p.id, p.score])).toEqual([[1, 3]]);

    const decay = await client.query('docs', {
      prefetch,
      query: { formula: { gauss_decay: { x: 'year', target: 2021, scale: 2, midpoint: 0.5 } } },
      limit: 2,
    });
    expect(decay.points.map((p) => [p.id, Number(p.score.toFixed(6))])).toEqual([
      [1, 1],
      [10, Number((0.5 ** (1 / 4)).toFixed(6))],
    ]);
  });

  it('evaluates every formula operator with Qdrant semantics', async () => {
    const only1 = { filter: { must: [{ has_id: [1] }] } };
    const parts = [
      { div: { left: 'year', right: 10 } }, // 202.1
      { pow: { base: 2, exponent: 3 } }, // 8
      { sqrt: 16 }, // 4
      { abs: -1.5 }, // 1.5
      { ln: Math.E }, // 1
      { log10: 1000 }, // 3
      { exp: 0 }, // 1
      { lin_decay: { x: 3, scale: 4, midpoint: 0.5 } }, // 1 - 0.5 / 4 * 3 = 0.625
      { exp_decay: { x: 2, scale: 2, midpoint: 0.25 } }, // 0.25
      { div: { left: 1, right: 0, by_zero_default: 7 } }, // 7
      { mult: [0, { div: { left: 1, right: 0 } }] }, // 0: mult short-circuits on 0
      { mult: ['tags', 1] }, // two tags: an array is not a number → 400
    ];
    const sum = await client.query('docs', {
      prefetch: only1,
      query: { formula: { sum: parts.slice(0, -1) } },
    });
    expect(sum.points).toHaveLength(1);
    expect(sum.points[0]?.score).toBeCloseTo(
      202.1 + 8 + 4 + 1.5 + 1 + 3 + 1 + 0.625 + 0.25 + 7,
      10,
    );

    const nonFinite = await qdrantError(
      client.query('docs', { prefetch: only1, query: { formula: { div: { left: 1, right: 0 } } } }),
    );
    expect(nonFinite.status).toBe(400);
    expect(nonFinite.error).toContain('non-finite');
    const notNumber = await qdrantError(
      client.query('docs', {
        prefetch: only1,
        query: { formula: parts[parts.length - 1] as never },
      }),
    );
    expect(notNumber.error).toContain('Expected number value for `tags`');
  });

  it('rejects queries Qdrant rejects and honours the prefetch-limit pitfall naturally', async () => {
    const noPrefetch = await qdrantError(
      client.query('docs', { query: { formula: { neg: '$score' } } }),
    );
    expect(noPrefetch).toEqual({
      status: 400,
      error: 'Bad request: cannot apply Formula without prefetches',
    });
    const fusion = await qdrantError(client.query('docs', { query: { fusion: 'rrf' } }));
    expect(fusion.error).toBe('Bad request: cannot apply Fusion without prefetches');
    const noQuery = await qdrantError(client.query('docs', { prefetch: { filter: t1 } }));
    expect(noQuery.status).toBe(400);
    expect(noQuery.error).toContain('A query is needed to merge the prefetches');

    // Prefetch limit 2 < limit + offset (3 + 1): of {1, 10} only one point survives the offset.
    const starved = await client.query('docs', {
      prefetch: { query: [1, 0, 0, 0], using: 'dense', limit: 2 },
      query: [1, 0, 0.5, 0],
      using: 'dense',
      limit: 3,
      offset: 1,
    });
    expect(starved.points.map((p) => p.id)).toEqual([1]);

    const byId = await client.query('docs', { filter: t1, limit: 2, offset: 1 });
    expect(byId.points.map((p) => [p.id, p.score])).toEqual([
      [2, 0],
      [3, 0],
    ]);
  });
});

describe('fake Qdrant server: writes, realism checks and limits', () => {
  it('applies a batch (delete by filter, then upsert) in order in one request', async () => {
    await client.createCollection('batch', { vectors: { dense: { size: 2, distance: 'Dot' } } });
    await client.createPayloadIndex('batch', {
      field_name: 'source',
      field_schema: 'keyword',
      wait: true,
    });
    await client.upsert('batch', {
      wait: true,
      points: [1, 2, 3].map((id) => ({
        id,
        vector: { dense: [id, 0] },
        payload: { source: id < 3 ? 'old' : 'keep' },
      })),
    });
    const results = await client.batchUpdate('batch', {
      operations: [
        { delete: { filter: { must: [{ key: 'source', match: { value: 'old' } }] } } },
        { upsert: { points: [{ id: 2, vector: { dense: [0, 1] }, payload: { source: 'new' } }] } },
        { set_payload: { payload: { checked: true }, points: [3] } },
      ],
    });
    expect(results.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    const { points } = await client.scroll('batch', {});
    expect(points).toEqual([
      { id: 2, payload: { source: 'new' } },
      { id: 3, payload: { source: 'keep', checked: true } },
    ]);
    await client.setPayload('batch', { payload: { extra: 1 }, points: [2], wait: true });
    await client.overwritePayload('batch', { payload: { only: 'this' }, points: [3], wait: true });
    expect((await client.retrieve('batch', { ids: [2, 3] })).map((r) => r.payload)).toEqual([
      { source: 'new', extra: 1 },
      { only: 'this' },
    ]);
    const missing = await qdrantError(client.setPayload('batch', { payload: {}, points: [404] }));
    expect(missing).toEqual({ status: 404, error: 'Not found: No point with id 404 found' });
    await client.delete('batch', { points: [3], wait: true });
    expect(await client.count('batch', {})).toEqual({ count: 1 });
    const sent = server.requests.find((r) => r.path === '/collections/batch/points/batch');
    expect(sent).toMatchObject({ method: 'POST', query: { wait: 'true' }, status: 200 });
    expect(sent?.body).toMatchObject({
      operations: [{ delete: {} }, { upsert: {} }, { set_payload: {} }],
    });
  });

  it('refuses to create a payload index once points exist (identical re-creation is a no-op)', async () => {
    const late = await qdrantError(
      client.createPayloadIndex('docs', {
        field_name: 'rating',
        field_schema: 'float',
        wait: true,
      }),
    );
    expect(late.status).toBe(400);
    expect(late.error).toContain('must be created before any points are upserted');
    await expect(
      client.createPayloadIndex('docs', {
        field_name: 'category',
        field_schema: 'keyword',
        wait: true,
      }),
    ).resolves.toMatchObject({ status: 'completed' });
  });

  it('requires the api-key header when configured', async () => {
    const secured = await startQdrantServer({ apiKey: 'secret' });
    try {
      const anonymous = new QdrantClient({ url: secured.url, checkCompatibility: false });
      expect(await qdrantError(anonymous.collectionExists('docs'))).toEqual({
        status: 401,
        error: 'Must provide an API key or an Authorization bearer token',
      });
      const wrong = new QdrantClient({
        url: secured.url,
        apiKey: 'nope',
        checkCompatibility: false,
      });
      expect((await qdrantError(wrong.getCollections())).status).toBe(401);
      const authed = new QdrantClient({
        url: secured.url,
        apiKey: 'secret',
        checkCompatibility: false,
      });
      expect(await authed.collectionExists('docs')).toEqual({ exists: false });
    } finally {
      await secured.close();
    }
  });

  it('rejects bodies over 32 MiB with 400 and reports the largest body seen', async () => {
    await client.createCollection('big', { vectors: { size: 1, distance: 'Dot' } });
    const blob = 'x'.repeat(32 * 1024 * 1024);
    const tooBig = await qdrantError(
      client.upsert('big', { wait: true, points: [{ id: 1, vector: [1], payload: { blob } }] }),
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.error).toContain('is larger than allowed (limit: 33554432 bytes)');
    expect(server.largestRequestBytes).toBeGreaterThan(32 * 1024 * 1024);
    expect((await client.count('big', {})).count).toBe(0);
  });
});
