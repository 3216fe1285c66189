import { tokenize } from '../text.js';

/** BM25's term-frequency side; Qdrant's `idf` modifier supplies the other half at query time. */
const K1 = 1.2;
const B = 0.75;
/** Profile texts are short (name, codes, languages, cities); a fixed mean keeps upserts independent. */
const AVERAGE_TOKENS = 12;

export interface SparseVector {
  indices: number[];
  values: number[];
}

/** FNV-1a: a stable 32-bit index for a token (Qdrant sparse indices are u32). */
export function termIndex(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function vectorOf(weights: Map<number, number>): SparseVector {
  const entries = [...weights].sort((a, b) => a[0] - b[0]);
  return { indices: entries.map((e) => e[0]), values: entries.map((e) => e[1]) };
}

/** A document's sparse vector: saturated, length-normalised term frequencies. */
export function documentVector(text: string): SparseVector {
  const tokens = tokenize(text);
  const tf = new Map<number, number>();
  for (const t of tokens) tf.set(termIndex(t), (tf.get(termIndex(t)) ?? 0) + 1);
  const norm = K1 * (1 - B + (B * tokens.length) / AVERAGE_TOKENS);
  for (const [i, f] of tf) tf.set(i, (f * (K1 + 1)) / (f + norm));
  return vectorOf(tf);
}

/** A query's sparse vector: each distinct term once. */
export function queryVector(terms: readonly string[]): SparseVector {
  return vectorOf(new Map(terms.map((t) => [termIndex(t), 1])));
}
