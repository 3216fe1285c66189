import { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  type Filter,
  metersAlongMeridian,
  type POINTS,
  qdrantError,
  seedDocs,
  UUID_A,
  UUID_B,
} from './qdrant/docs-fixture.js';
import { type QdrantServerHandle, startQdrantServer } from './qdrant-server.js';

let server: QdrantServerHandle;
let client: QdrantClient;

const ids = async (filter: Filter) =>
  (await client.scroll('docs', { filter, limit: 100, with_payload: false })).points.map(
    (p) => p.id,
  );

beforeAll(async () => {
  ({ server, client } = await seedDocs());
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
