import type { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  metersAlongMeridian,
  qdrantError,
  qdrantIdf,
  seedDocs,
  UUID_A,
  UUID_B,
} from './qdrant/docs-fixture.js';
import type { QdrantServerHandle } from './qdrant-server.js';

let server: QdrantServerHandle;
let client: QdrantClient;

beforeAll(async () => {
  ({ server, client } = await seedDocs());
});

afterAll(async () => {
  await server.close();
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
