const K1 = 1.2;
const B = 0.75;

/**
 * Okapi BM25 of one document for the query terms, with document frequencies from the FTS5
 * vocabulary (one lookup per search instead of a `bm25()` call per hit).
 */
export function bm25(o: {
  terms: readonly string[];
  docTokens: readonly string[];
  documentFrequency: ReadonlyMap<string, number>;
  documents: number;
  averageLength: number;
}): number {
  if (o.terms.length === 0 || o.documents === 0) return 0;
  const tf = new Map<string, number>();
  for (const t of o.docTokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  const norm = K1 * (1 - B + (B * o.docTokens.length) / Math.max(1, o.averageLength));
  let score = 0;
  for (const term of o.terms) {
    const f = tf.get(term) ?? 0;
    if (f === 0) continue;
    const df = o.documentFrequency.get(term) ?? 0;
    const idf = Math.log(1 + (o.documents - df + 0.5) / (df + 0.5));
    score += (idf * f * (K1 + 1)) / (f + norm);
  }
  return score;
}
