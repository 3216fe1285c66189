import type BetterSqlite3 from 'better-sqlite3';

/** Terms kept at most; past that the cache starts again (query terms are few and repeat). */
const MAX_TERMS = 10_000;

export interface Vocabulary {
  /** Document frequency of each term that occurs in the index (terms that do not are left out). */
  frequencies(terms: readonly string[]): Map<string, number>;
  /** Called after this connection writes the index. */
  invalidate(): void;
}

/**
 * Document frequencies from the FTS5 vocabulary, cached: `fts5vocab` counts a term's documents by
 * walking its whole doclist (about 1 ms for a common term such as a city word at 1M profiles, on
 * every search with text). The cache holds until the index changes: this connection's writes
 * call `invalidate`, and another connection's commit changes `PRAGMA data_version`.
 */
export function createVocabulary(db: BetterSqlite3.Database): Vocabulary {
  const lookup = db.prepare<[string], { term: string; doc: number }>(
    'SELECT term, doc FROM dir_idx_fts_vocab WHERE term IN (SELECT value FROM json_each(?))',
  );
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const cache = new Map<string, number>();
  let version: number | undefined;
  return {
    frequencies(terms) {
      const now = dataVersion.get();
      if (now !== version || cache.size > MAX_TERMS) {
        cache.clear();
        version = now;
      }
      const missing = terms.filter((t) => !cache.has(t));
      if (missing.length > 0) {
        for (const t of missing) cache.set(t, 0);
        for (const r of lookup.all(JSON.stringify(missing))) cache.set(r.term, r.doc);
      }
      const found = new Map<string, number>();
      for (const t of terms) {
        const df = cache.get(t) ?? 0;
        if (df > 0) found.set(t, df);
      }
      return found;
    },
    invalidate() {
      cache.clear();
    },
  };
}
