import type BetterSqlite3 from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type {
  DirectoryIndex,
  DirectoryProfile,
  Embedder,
  IndexHit,
} from '../../../domain/index.js';
import { profileText } from '../text.js';

const EMBED_BATCH = 64;
/** Qdrant's default RRF constant, so both indexes fuse on the same scale. */
const RRF_K = 2;

const blob = (vector: readonly number[]) => Buffer.from(new Float32Array(vector).buffer);

/** RRF of the lexical and dense rankings of the hits' profiles: Σ 1 / (k + rank). */
function fuse(hits: IndexHit[], similarity: Map<string, number>): Map<string, number> {
  const profiles = [...new Map(hits.map((h) => [h.profile.npi, h.textScore])).entries()];
  const fused = new Map<string, number>();
  const addRanks = (ranked: string[]) => {
    for (const [rank, npi] of ranked.entries()) {
      fused.set(npi, (fused.get(npi) ?? 0) + 1 / (RRF_K + rank));
    }
  };
  addRanks(
    profiles
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([npi]) => npi),
  );
  addRanks(
    [...similarity.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([npi]) => npi),
  );
  return fused;
}

/**
 * Adds dense vectors (sqlite-vec) to the embedded index when an embeddings endpoint is configured:
 * one embedding per active profile beside the index tables; a search with text scores its hits by
 * RRF of BM25 and cosine similarity. Vectors of another size are dropped with the index, which the
 * start-up count check then rebuilds.
 */
export async function withDenseVectors(
  inner: DirectoryIndex,
  db: BetterSqlite3.Database,
  embedder: Embedder,
): Promise<DirectoryIndex> {
  sqliteVec.load(db);
  db.exec(
    'CREATE TABLE IF NOT EXISTS dir_idx_embedding (npi TEXT PRIMARY KEY, dims INTEGER NOT NULL, vec BLOB NOT NULL)',
  );
  const st = {
    otherSize: db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM dir_idx_embedding WHERE dims <> ?',
    ),
    put: db.prepare('INSERT OR REPLACE INTO dir_idx_embedding (npi, dims, vec) VALUES (?, ?, ?)'),
    del: db.prepare('DELETE FROM dir_idx_embedding WHERE npi = ?'),
    clear: db.prepare('DELETE FROM dir_idx_embedding'),
    similarity: db.prepare<[Buffer, string], { npi: string; d: number }>(
      'SELECT npi, vec_distance_cosine(vec, ?) AS d FROM dir_idx_embedding WHERE npi IN (SELECT value FROM json_each(?))',
    ),
  };
  if ((st.otherSize.get(embedder.dimensions)?.n ?? 0) > 0) {
    await inner.clear();
    st.clear.run();
  }
  const write = db.transaction((profiles: readonly DirectoryProfile[], vectors: number[][]) => {
    for (const p of profiles) st.del.run(p.npi);
    profiles
      .filter((p) => p.active)
      .forEach((p, i) => {
        const vector = vectors[i];
        if (vector) st.put.run(p.npi, vector.length, blob(vector));
      });
  });
  const removeAll = db.transaction((npis: readonly string[]) => {
    for (const npi of npis) st.del.run(npi);
  });

  return {
    async upsert(profiles) {
      for (let i = 0; i < profiles.length; i += EMBED_BATCH) {
        const batch = profiles.slice(i, i + EMBED_BATCH);
        const active = batch.filter((p) => p.active);
        const vectors = active.length > 0 ? await embedder.embed(active.map(profileText)) : [];
        await inner.upsert(batch);
        write(batch, vectors);
      }
    },
    async remove(npis) {
      await inner.remove(npis);
      removeAll(npis);
    },
    async search(q) {
      const hits = await inner.search(q);
      if (!q.text?.trim() || hits.length === 0) return hits;
      const [query] = await embedder.embed([q.text]);
      if (!query) return hits;
      const npis = JSON.stringify([...new Set(hits.map((h) => h.profile.npi))]);
      const similarity = new Map(
        st.similarity.all(blob(query), npis).map((r) => [r.npi, 1 - r.d] as const),
      );
      const fused = fuse(hits, similarity);
      return hits.map((h) => ({ ...h, textScore: fused.get(h.profile.npi) ?? 0 }));
    },
    count: () => inner.count(),
    async clear() {
      await inner.clear();
      st.clear.run();
    },
  };
}
