import type { Collection, StoredPoint } from './collection.js';
import type { Predicate } from './filter.js';
import { compileFormula, type PrefetchScores } from './formula.js';
import { compareIds, idKey, parsePointId } from './ids.js';
import {
  badRequest,
  formatError,
  given,
  isNumberArray,
  isObject,
  type JsonObject,
  notFound,
  oneOrMany,
  optionalNumber,
  optionalUint,
  unsupported,
  wrongInput,
} from './json.js';
import {
  type Distance,
  denseScore,
  idf,
  largerIsBetter,
  parseSparse,
  prepareDense,
  type SparseVector,
  sparseScore,
} from './vectors.js';

interface Scored {
  point: StoredPoint;
  score: number;
}

type Scoring =
  | { kind: 'none' }
  | { kind: 'dense'; using: string; vector: number[]; distance: Distance }
  | { kind: 'sparse'; using: string; vector: SparseVector; idf: boolean }
  | { kind: 'rrf'; k: number; weights?: number[] }
  | { kind: 'dbsf' }
  | { kind: 'formula'; score: (point: StoredPoint, scores: PrefetchScores) => number };

interface Plan {
  scoring: Scoring;
  filter: Predicate;
  limit: number;
  threshold?: number;
  prefetches: Plan[];
}

const DEFAULT_RRF_K = 2; // Qdrant's `DEFAULT_RRF_K` (server side; some client docs say 60)
const MAX_PREFETCH_DEPTH = 64;
const UNSUPPORTED_QUERIES = [
  'order_by',
  'recommend',
  'discover',
  'context',
  'sample',
  'relevance_feedback',
];

/** Qdrant's Query API (`POST /collections/{name}/points/query`) over one in-memory collection. */
export function runQuery(collection: Collection, body: JsonObject): JsonObject {
  if (given(body.lookup_from)) throw unsupported('lookup_from');
  const limit = optionalUint(body.limit, 'limit') ?? 10;
  const offset = optionalUint(body.offset, 'offset') ?? 0;
  const referenced = new Set<string>();
  const root = plan(collection, body, () => true, limit + offset, referenced, 0);
  // Points used as query vectors never come back (Qdrant adds must_not has_id to the root filter).
  if (referenced.size > 0) {
    const exclude: Predicate = (point) => !referenced.has(point.key);
    propagate(root, exclude);
  }
  const results = execute(collection, root).slice(offset);
  return {
    points: results.map(({ point, score }) => ({
      ...collection.record(point, body.with_payload ?? false, body.with_vector ?? false),
      version: point.version,
      score,
    })),
  };
}

function propagate(node: Plan, extra: Predicate): void {
  const own = node.filter;
  node.filter = (point) => extra(point) && own(point);
  for (const child of node.prefetches) propagate(child, extra);
}

function plan(
  collection: Collection,
  raw: JsonObject,
  inherited: Predicate,
  limit: number,
  referenced: Set<string>,
  depth: number,
): Plan {
  if (depth > MAX_PREFETCH_DEPTH)
    throw badRequest(`prefetches depth exceeds max depth ${MAX_PREFETCH_DEPTH}`);
  const using = given(raw.using) ? String(raw.using) : '';
  const scoring = parseScoring(collection, raw.query, using, referenced);
  const rawPrefetches = oneOrMany(raw.prefetch) ?? [];
  const threshold = optionalNumber(raw.score_threshold, 'score_threshold');
  if (rawPrefetches.length > 0 && scoring.kind === 'none') {
    throw badRequest(
      "A query is needed to merge the prefetches. Can't have prefetches without defining a query.",
    );
  }
  if (threshold !== undefined && scoring.kind === 'none') {
    throw badRequest(
      "A query is needed to use the score_threshold. Can't have score_threshold without defining a query.",
    );
  }
  const fusion = scoring.kind === 'rrf' || scoring.kind === 'dbsf';
  if (fusion && using !== '')
    throw badRequest("Fusion queries cannot be combined with the 'using' field.");
  if (rawPrefetches.length === 0 && fusion)
    throw badRequest('cannot apply Fusion without prefetches');
  if (rawPrefetches.length === 0 && scoring.kind === 'formula') {
    throw badRequest('cannot apply Formula without prefetches');
  }
  // Filters propagate into every prefetch (Qdrant merges parent and child filters with AND).
  const own = collection.filter(raw.filter);
  const filter: Predicate = (point) => inherited(point) && own(point);
  const prefetches = rawPrefetches.map((child, i) => {
    if (!isObject(child)) throw formatError(`prefetch[${i}]: expected an object`);
    if (given(child.lookup_from)) throw unsupported('lookup_from');
    const childLimit = optionalUint(child.limit, 'prefetch.limit') ?? 10;
    return plan(collection, child, filter, childLimit, referenced, depth + 1);
  });
  return { scoring, filter, limit, prefetches, ...(threshold !== undefined ? { threshold } : {}) };
}

function parseScoring(
  collection: Collection,
  raw: unknown,
  using: string,
  referenced: Set<string>,
): Scoring {
  if (!given(raw)) return { kind: 'none' };
  if (isObject(raw)) {
    if ('nearest' in raw) {
      if (given(raw.mmr)) throw unsupported('MMR (nearest.mmr)');
      return vectorQuery(collection, raw.nearest, using, referenced);
    }
    if ('fusion' in raw) {
      if (raw.fusion === 'rrf') return { kind: 'rrf', k: DEFAULT_RRF_K };
      if (raw.fusion === 'dbsf') return { kind: 'dbsf' };
      throw formatError(
        `fusion: unknown variant ${JSON.stringify(raw.fusion)}, expected rrf or dbsf`,
      );
    }
    if ('rrf' in raw) {
      const params = isObject(raw.rrf) ? raw.rrf : {};
      const k = optionalUint(params.k, 'rrf.k') ?? DEFAULT_RRF_K;
      if (k < 1) throw badRequest('rrf.k must be at least 1');
      if (given(params.weights) && !isNumberArray(params.weights)) {
        throw formatError('rrf.weights: expected an array of numbers');
      }
      return {
        kind: 'rrf',
        k,
        ...(isNumberArray(params.weights) ? { weights: params.weights } : {}),
      };
    }
    if ('formula' in raw) {
      return {
        kind: 'formula',
        score: compileFormula(raw.formula, raw.defaults, collection.scope()),
      };
    }
    for (const kind of UNSUPPORTED_QUERIES)
      if (kind in raw) throw unsupported(`\`${kind}\` queries`);
  }
  return vectorQuery(collection, raw, using, referenced);
}

/** A raw dense/sparse vector, or a point id whose `using` vector is the query (and which is excluded). */
function vectorQuery(
  collection: Collection,
  raw: unknown,
  using: string,
  referenced: Set<string>,
): Scoring {
  const dense = collection.vectors.dense.get(using);
  const sparse = collection.vectors.sparse.get(using);
  if (!dense && !sparse) throw wrongInput(`Not existing vector name error: ${using}`);
  let input = raw;
  if (typeof raw === 'number' || typeof raw === 'string') {
    const id = parsePointId(raw);
    const point = collection.get(id);
    if (!point) throw notFound(`No point with id ${id} found`);
    input = point.vectors.get(using);
    if (input === undefined) throw notFound(`Vector with name "${using}" for point ${id}`);
    referenced.add(idKey(id));
  }
  if (isNumberArray(input)) {
    if (!dense) throw wrongInput('Conversion between sparse and regular vectors failed');
    return { kind: 'dense', using, vector: prepareDense(input, dense), distance: dense.distance };
  }
  if (isObject(input) && 'indices' in input) {
    if (!sparse) throw wrongInput('Conversion between sparse and regular vectors failed');
    return { kind: 'sparse', using, vector: parseSparse(input, 'query'), idf: sparse.idf };
  }
  if (Array.isArray(input)) throw unsupported('multi-vector queries');
  if (isObject(input)) throw unsupported('inference objects (Document/Image) in queries');
  throw formatError('query: expected a vector, a sparse vector, a point id or a query object');
}

function execute(collection: Collection, node: Plan): Scored[] {
  if (node.prefetches.length === 0) {
    const matching = collection.select(node.filter);
    if (node.scoring.kind === 'none') {
      return matching.slice(0, node.limit).map((point) => ({ point, score: 0 }));
    }
    return similarity(collection, node, matching);
  }
  const sources = node.prefetches.map((child) => execute(collection, child));
  const { scoring } = node;
  switch (scoring.kind) {
    case 'dense':
    case 'sparse':
      return similarity(collection, node, union(sources));
    case 'rrf':
      return cut(node, rrf(sources, scoring.k, scoring.weights), true);
    case 'dbsf':
      return cut(node, dbsf(sources), true);
    case 'formula': {
      const scores = sources.map((list) => new Map(list.map((s) => [s.point.key, s.score])));
      const rescored = union(sources).map((point) => ({
        point,
        score: scoring.score(point, scores),
      }));
      return cut(node, rescored.sort(byScore(true)), true);
    }
    default:
      throw badRequest('A query is needed to merge the prefetches.');
  }
}

function union(sources: Scored[][]): StoredPoint[] {
  const seen = new Map<string, StoredPoint>();
  for (const list of sources) for (const { point } of list) seen.set(point.key, point);
  return [...seen.values()];
}

const byScore = (desc: boolean) => (a: Scored, b: Scored) =>
  (desc ? b.score - a.score : a.score - b.score) || compareIds(a.point.id, b.point.id);

/** Applies the score threshold (">= for similarities, <= for distances") and the limit. */
function cut(node: Plan, sorted: Scored[], desc: boolean): Scored[] {
  const { threshold } = node;
  const kept =
    threshold === undefined
      ? sorted
      : sorted.filter((s) => (desc ? s.score >= threshold : s.score <= threshold));
  return kept.slice(0, node.limit);
}

function similarity(collection: Collection, node: Plan, candidates: StoredPoint[]): Scored[] {
  const { scoring } = node;
  const scored: Scored[] = [];
  if (scoring.kind === 'dense') {
    for (const point of candidates) {
      const stored = point.vectors.get(scoring.using);
      if (Array.isArray(stored)) {
        scored.push({ point, score: denseScore(scoring.distance, scoring.vector, stored) });
      }
    }
    const desc = largerIsBetter(scoring.distance);
    return cut(node, scored.sort(byScore(desc)), desc);
  }
  if (scoring.kind !== 'sparse') throw badRequest('unexpected rescoring query');
  const weights = new Map<number, number>();
  if (scoring.idf) {
    // IDF statistics come from the whole collection, not just the candidates.
    const all = [...collection.points.values()].flatMap((p) => {
      const v = p.vectors.get(scoring.using);
      return v && !Array.isArray(v) ? [v] : [];
    });
    for (const index of scoring.vector.indices) {
      weights.set(index, idf(all.filter((v) => v.indices.includes(index)).length, all.length));
    }
  }
  for (const point of candidates) {
    const stored = point.vectors.get(scoring.using);
    if (!stored || Array.isArray(stored)) continue;
    const score = sparseScore(scoring.vector, stored, weights);
    if (score !== undefined) scored.push({ point, score });
  }
  return cut(node, scored.sort(byScore(true)), true);
}

/** Qdrant's RRF: Σ 1 / ((position + 1) / weight + k - 1), position 0-based (= 1/(k + pos) unweighted). */
function rrf(sources: Scored[][], k: number, weights: number[] | undefined): Scored[] {
  if (weights && weights.length !== sources.length) {
    throw badRequest(
      `Number of weights in RRF should match number of pre-fetches: got ${weights.length}, expected ${sources.length}`,
    );
  }
  const fused = new Map<string, Scored>();
  sources.forEach((list, i) => {
    const weight = weights?.[i] ?? 1;
    list.forEach(({ point }, position) => {
      const add = weight <= 0 ? 0 : 1 / ((position + 1) / weight + k - 1);
      const entry = fused.get(point.key);
      if (entry) entry.score += add;
      else fused.set(point.key, { point, score: add });
    });
  });
  return [...fused.values()].sort(byScore(true));
}

/** Distribution-based score fusion: normalise each list with mean ± 3σ (sample variance), then sum. */
function dbsf(sources: Scored[][]): Scored[] {
  const fused = new Map<string, Scored>();
  for (const list of sources) {
    let normalised: number[];
    if (list.length < 2) normalised = list.map(() => 0.5);
    else {
      const scores = list.map((s) => s.score);
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      const variance = scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (scores.length - 1);
      const min = mean - 3 * Math.sqrt(variance);
      const max = mean + 3 * Math.sqrt(variance);
      normalised = scores.map((s) => (min === max ? 0.5 : (s - min) / (max - min)));
    }
    list.forEach(({ point }, i) => {
      const add = normalised[i] ?? 0;
      const entry = fused.get(point.key);
      if (entry) entry.score += add;
      else fused.set(point.key, { point, score: add });
    });
  }
  return [...fused.values()].sort(byScore(true));
}
