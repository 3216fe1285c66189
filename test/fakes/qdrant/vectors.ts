import {
  formatError,
  given,
  isFiniteNumber,
  isNumberArray,
  isObject,
  type Json,
  type JsonObject,
  unsupported,
  validationError,
  wrongInput,
} from './json.js';

export type Distance = 'Cosine' | 'Euclid' | 'Dot' | 'Manhattan';
const DISTANCES: readonly Distance[] = ['Cosine', 'Euclid', 'Dot', 'Manhattan'];

export interface DenseConfig {
  size: number;
  distance: Distance;
  raw: JsonObject;
}

export interface SparseConfig {
  idf: boolean;
  raw: JsonObject;
}

export interface VectorsConfig {
  /** Dense vectors by name; the unnamed default vector is `''`. */
  dense: Map<string, DenseConfig>;
  sparse: Map<string, SparseConfig>;
  /** True when `vectors` was a single `VectorParams` (points then use `vector: [...]`). */
  single: boolean;
}

/** Sorted by index, unique indices. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

export type StoredVector = number[] | SparseVector;

function parseDense(raw: unknown, where: string): DenseConfig {
  if (!isObject(raw)) throw formatError(`${where}: expected { size, distance }`);
  const { size, distance } = raw;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) {
    throw validationError(
      `${where}.size: value ${JSON.stringify(size)} invalid, must be 1 or larger`,
    );
  }
  if (!DISTANCES.includes(distance as Distance)) {
    throw formatError(
      `${where}.distance: unknown variant ${JSON.stringify(distance)}, expected one of ${DISTANCES.join(', ')}`,
    );
  }
  if (given(raw.multivector_config)) throw unsupported('multivector_config');
  return { size, distance: distance as Distance, raw };
}

/** `vectors` (absent, `{}`, one `VectorParams`, or a name → `VectorParams` map) plus `sparse_vectors`. */
export function parseVectorsConfig(vectors: unknown, sparseVectors: unknown): VectorsConfig {
  const dense = new Map<string, DenseConfig>();
  const sparse = new Map<string, SparseConfig>();
  let single = false;
  if (given(vectors)) {
    if (!isObject(vectors)) throw formatError('vectors: expected an object');
    if ('size' in vectors || 'distance' in vectors) {
      single = true;
      dense.set('', parseDense(vectors, 'vectors'));
    } else {
      for (const [name, params] of Object.entries(vectors)) {
        dense.set(name, parseDense(params, `vectors.${name}`));
      }
    }
  }
  if (given(sparseVectors)) {
    if (!isObject(sparseVectors)) throw formatError('sparse_vectors: expected an object');
    for (const [name, params] of Object.entries(sparseVectors)) {
      const config = isObject(params) ? params : {};
      const modifier = config.modifier ?? 'none';
      if (modifier !== 'none' && modifier !== 'idf') {
        throw formatError(
          `sparse_vectors.${name}.modifier: unknown variant ${JSON.stringify(modifier)}, expected none or idf`,
        );
      }
      if (dense.has(name))
        throw wrongInput(`vector name ${name} is used for both dense and sparse vectors`);
      sparse.set(name, { idf: modifier === 'idf', raw: config });
    }
  }
  return { dense, sparse, single };
}

/** Validates a sparse vector like Qdrant (same lengths, unique indices) and sorts it by index. */
export function parseSparse(raw: unknown, where: string): SparseVector {
  if (!isObject(raw) || !Array.isArray(raw.indices) || !Array.isArray(raw.values)) {
    throw formatError(`${where}: expected { indices, values }`);
  }
  const { indices, values } = raw;
  if (
    !indices.every((i) => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i <= 0xffffffff)
  ) {
    throw formatError(`${where}.indices: expected unsigned 32-bit integers`);
  }
  if (!values.every(isFiniteNumber)) throw formatError(`${where}.values: expected numbers`);
  if (indices.length !== values.length) {
    throw validationError(`${where}: indices and values must be the same length`);
  }
  if (new Set(indices).size !== indices.length) {
    throw validationError(`${where}.indices: must be unique`);
  }
  const order = indices
    .map((_, i) => i)
    .sort((a, b) => (indices[a] as number) - (indices[b] as number));
  return {
    indices: order.map((i) => indices[i] as number),
    values: order.map((i) => values[i] as number),
  };
}

export function normalize(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector.slice() : vector.map((x) => x / norm);
}

/** Checks a dense vector against its config; Cosine vectors are stored (and queried) normalised. */
export function prepareDense(raw: number[], config: DenseConfig): number[] {
  if (!raw.every(isFiniteNumber)) throw formatError('vector: expected finite numbers');
  if (raw.length !== config.size) {
    throw wrongInput(`Vector dimension error: expected dim: ${config.size}, got ${raw.length}`);
  }
  return config.distance === 'Cosine' ? normalize(raw) : raw.slice();
}

function prepareNamed(
  name: string,
  raw: unknown,
  config: VectorsConfig,
  where: string,
): StoredVector {
  const dense = config.dense.get(name);
  const sparse = config.sparse.get(name);
  if (!dense && !sparse) throw wrongInput(`Not existing vector name error: ${name}`);
  if (isNumberArray(raw)) {
    if (!dense) throw wrongInput('Conversion between sparse and regular vectors failed');
    return prepareDense(raw, dense);
  }
  if (isObject(raw) && 'indices' in raw) {
    if (!sparse) throw wrongInput('Conversion between sparse and regular vectors failed');
    return parseSparse(raw, where);
  }
  if (Array.isArray(raw)) throw unsupported('multi-vectors');
  if (isObject(raw)) throw unsupported('inference objects (Document/Image)');
  throw formatError(`${where}: expected a vector`);
}

/** A point's `vector` field: a bare dense array (default vector) or a name → vector map. */
export function parsePointVectors(
  raw: unknown,
  config: VectorsConfig,
  where: string,
): Map<string, StoredVector> {
  const out = new Map<string, StoredVector>();
  if (!given(raw)) return out;
  if (Array.isArray(raw)) {
    out.set('', prepareNamed('', raw, config, where));
    return out;
  }
  if (!isObject(raw)) throw formatError(`${where}: expected a vector or a map of named vectors`);
  // Document / Image / InferenceObject all carry a `model` string; named vectors never do.
  if (typeof raw.model === 'string') throw unsupported('inference objects (Document/Image)');
  for (const [name, value] of Object.entries(raw)) {
    out.set(name, prepareNamed(name, value, config, `${where}.${name}`));
  }
  return out;
}

export const largerIsBetter = (distance: Distance) => distance === 'Cosine' || distance === 'Dot';

/** Qdrant's score for two prepared dense vectors (distances for Euclid/Manhattan: smaller is better). */
export function denseScore(distance: Distance, a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (distance === 'Euclid') sum += (x - y) ** 2;
    else if (distance === 'Manhattan') sum += Math.abs(x - y);
    else sum += x * y;
  }
  return distance === 'Euclid' ? Math.sqrt(sum) : sum;
}

/** Qdrant's BM25-style IDF: ln(((N - n + 0.5) / (n + 0.5)) + 1). */
export const idf = (docsWithTerm: number, docs: number) =>
  Math.log((docs - docsWithTerm + 0.5) / (docsWithTerm + 0.5) + 1);

/** Dot product over shared indices, or undefined when the vectors share no index. */
export function sparseScore(
  query: SparseVector,
  stored: SparseVector,
  weights: ReadonlyMap<number, number>,
): number | undefined {
  let score = 0;
  let overlap = false;
  let j = 0;
  for (let i = 0; i < query.indices.length; i++) {
    const index = query.indices[i] as number;
    while (j < stored.indices.length && (stored.indices[j] as number) < index) j++;
    if (stored.indices[j] === index) {
      overlap = true;
      score +=
        (query.values[i] as number) * (weights.get(index) ?? 1) * (stored.values[j] as number);
    }
  }
  return overlap ? score : undefined;
}

/** `with_vector`: true | false | [names]. Output mirrors Qdrant (bare array for a single unnamed vector). */
export function selectVectors(
  vectors: ReadonlyMap<string, StoredVector>,
  selector: unknown,
  single: boolean,
): Json | undefined {
  if (!given(selector) || selector === false) return undefined;
  const names =
    selector === true ? [...vectors.keys()] : Array.isArray(selector) ? selector : undefined;
  if (!names) throw formatError('with_vector: expected a boolean or an array of vector names');
  if (single && selector === true) {
    const vector = vectors.get('');
    return vector === undefined ? {} : (structuredClone(vector) as Json);
  }
  const out: JsonObject = {};
  for (const name of names) {
    const vector = typeof name === 'string' ? vectors.get(name) : undefined;
    if (vector !== undefined) out[name as string] = structuredClone(vector) as unknown as Json;
  }
  return out;
}
