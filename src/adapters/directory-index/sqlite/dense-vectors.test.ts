import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fakeEmbedding } from '../../../../evals/models/index.js';
import { makeProfile, offset } from '../../../../test/support/directory-index-contract.js';
import type { Embedder } from '../../../domain/index.js';
import { withDenseVectors } from './dense-vectors.js';
import { createSqliteDirectoryIndex } from './sqlite-directory-index.js';

const CENTER = { lat: 41.824, lon: -71.4128 };
const query = (text?: string) => ({
  taxonomies: ['207WX0107X'],
  near: CENTER,
  radiusKm: 50,
  limit: 10,
  ...(text === undefined ? {} : { text }),
});

/** Deterministic embeddings (a hashed bag of words), counting what it was asked to embed. */
function countingEmbedder(dimensions = 16): Embedder & { texts: string[] } {
  const texts: string[] = [];
  return {
    dimensions,
    texts,
    async embed(batch) {
      texts.push(...batch);
      return batch.map((t) => fakeEmbedding(t, dimensions));
    },
  };
}

async function denseIndex(db = new Database(':memory:'), embedder = countingEmbedder()) {
  const index = await withDenseVectors(createSqliteDirectoryIndex(db), db, embedder);
  const rows = () =>
    db
      .prepare<[], { npi: string; dims: number }>(
        'SELECT npi, dims FROM dir_idx_embedding ORDER BY npi',
      )
      .all();
  return { db, index, embedder, rows };
}

describe('embedded index with dense vectors (sqlite-vec)', () => {
  const profiles = [
    makeProfile('1000000001', offset(CENTER, 1), { name: 'Ada Lovelace' }),
    makeProfile('1000000002', offset(CENTER, 2), { name: 'Grace Hopper' }),
    makeProfile('1000000003', offset(CENTER, 3), { name: 'Alan Turing', active: false }),
  ];

  it('embeds active profiles only, and forgets removed ones', async () => {
    const { index, embedder, rows } = await denseIndex();
    await index.upsert(profiles);
    expect(rows()).toEqual([
      { npi: '1000000001', dims: 16 },
      { npi: '1000000002', dims: 16 },
    ]);
    expect(embedder.texts).toHaveLength(2);
    await index.remove(['1000000001']);
    expect(rows().map((r) => r.npi)).toEqual(['1000000002']);
    await index.upsert([{ ...(profiles[1] as (typeof profiles)[number]), active: false }]);
    expect(rows()).toEqual([]);
  });

  it('fuses BM25 and cosine similarity by RRF over the hits, keeping the nearest-first order', async () => {
    const { index, embedder } = await denseIndex();
    await index.upsert(profiles);
    const plain = await index.search(query());
    expect(plain.map((h) => h.textScore)).toEqual([0, 0]);
    expect(embedder.texts).toHaveLength(2);
    const hits = await index.search(query('grace hopper'));
    expect(hits.map((h) => h.profile.npi)).toEqual(['1000000001', '1000000002']);
    const score = (npi: string) => hits.find((h) => h.profile.npi === npi)?.textScore ?? -1;
    // First in both rankings: 1/(2+0) + 1/(2+0); the other is only in the dense ranking, second.
    expect(score('1000000002')).toBeCloseTo(1, 6);
    expect(score('1000000001')).toBeCloseTo(1 / 3, 6);
    expect(embedder.texts.at(-1)).toBe('grace hopper');
  });

  it('drops vectors of another size, and the index with them, so it gets rebuilt', async () => {
    const db = new Database(':memory:');
    const first = await denseIndex(db, countingEmbedder(16));
    await first.index.upsert(profiles);
    expect(await first.index.count()).toBe(2);
    const second = await denseIndex(db, countingEmbedder(32));
    expect(await second.index.count()).toBe(0);
    expect(second.rows()).toEqual([]);
  });
});
