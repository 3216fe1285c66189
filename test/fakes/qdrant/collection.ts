import { type Candidate, compileFilter, type FilterScope, type Predicate } from './filter.js';
import { compareIds, idKey, type PointId, parsePointId, parsePointIds } from './ids.js';
import {
  badRequest,
  clone,
  formatError,
  given,
  isObject,
  type Json,
  type JsonObject,
  notFound,
  optionalObject,
  optionalUint,
  requiredString,
  unsupported,
} from './json.js';
import { deleteAtPath, flatValues, selectPayload, setAtPath, valuesAt } from './payload.js';
import {
  parsePointVectors,
  parseVectorsConfig,
  type StoredVector,
  selectVectors,
  type VectorsConfig,
} from './vectors.js';

export interface StoredPoint {
  id: PointId;
  key: string;
  version: number;
  payload: JsonObject;
  vectors: Map<string, StoredVector>;
}

interface PayloadIndex {
  dataType: string;
  params?: JsonObject;
  /** The request's `field_schema`, for idempotent re-creation checks. */
  schema: string;
}

const INDEX_TYPES = new Set([
  'keyword',
  'integer',
  'float',
  'geo',
  'text',
  'bool',
  'datetime',
  'uuid',
]);

export interface UpdateResult {
  operation_id: number;
  status: 'completed' | 'acknowledged';
}

/** One in-memory collection: config, points, payload indexes and Qdrant's write/read operations. */
export class Collection {
  readonly points = new Map<string, StoredPoint>();
  readonly indexes = new Map<string, PayloadIndex>();
  readonly vectors: VectorsConfig;
  readonly name: string;
  private readonly config: JsonObject;
  private readonly unindexed: Set<string>;
  private operationId = 0;

  constructor(name: string, config: JsonObject, unindexed: Set<string>) {
    this.name = name;
    this.config = config;
    this.unindexed = unindexed;
    this.vectors = parseVectorsConfig(config.vectors, config.sparse_vectors);
  }

  scope(): FilterScope {
    return { indexed: new Set(this.indexes.keys()), unindexed: this.unindexed };
  }

  filter(raw: unknown): Predicate {
    return compileFilter(raw, this.scope());
  }

  candidate(point: StoredPoint): Candidate {
    return { key: point.key, payload: point.payload, vectorNames: new Set(point.vectors.keys()) };
  }

  /** Points in Qdrant id order, optionally filtered. */
  select(predicate: Predicate = () => true): StoredPoint[] {
    return [...this.points.values()]
      .filter((point) => predicate(this.candidate(point)))
      .sort((a, b) => compareIds(a.id, b.id));
  }

  get(id: PointId): StoredPoint | undefined {
    return this.points.get(idKey(id));
  }

  private nextOperation(wait: boolean): UpdateResult {
    this.operationId += 1;
    return { operation_id: this.operationId, status: wait ? 'completed' : 'acknowledged' };
  }

  createIndex(body: JsonObject, wait: boolean): UpdateResult {
    const field = requiredString(body.field_name, 'field_name');
    const schema = body.field_schema;
    const type = typeof schema === 'string' ? schema : isObject(schema) ? schema.type : undefined;
    if (typeof type !== 'string' || !INDEX_TYPES.has(type)) {
      throw formatError(
        `field_schema: expected one of ${[...INDEX_TYPES].join(', ')} (or { type, ... })`,
      );
    }
    const serialized = JSON.stringify(schema);
    const existing = this.indexes.get(field);
    // Realism check (stricter than Qdrant, on purpose): indexes built after data block updates and
    // miss the filter-aware HNSW links, so the team's rule is "create every index before any data".
    if (this.points.size > 0 && existing?.schema !== serialized) {
      throw badRequest(
        `payload index for \`${field}\` must be created before any points are upserted ` +
          `(collection \`${this.name}\` already holds ${this.points.size} points); ` +
          'create all payload indexes right after creating the collection',
      );
    }
    this.indexes.set(field, {
      dataType: type,
      ...(isObject(schema) ? { params: clone(schema) } : {}),
      schema: serialized,
    });
    return this.nextOperation(wait);
  }

  deleteIndex(field: string, wait: boolean): UpdateResult {
    this.indexes.delete(field);
    return this.nextOperation(wait);
  }

  upsert(body: JsonObject, wait: boolean): UpdateResult {
    const incoming = this.parseInsert(body);
    const mode = body.update_mode ?? 'upsert';
    if (mode !== 'upsert' && mode !== 'insert_only' && mode !== 'update_only') {
      throw formatError(`update_mode: unknown variant ${JSON.stringify(mode)}`);
    }
    const keep = given(body.update_filter) ? this.filter(body.update_filter) : undefined;
    const result = this.nextOperation(wait);
    for (const point of incoming) {
      const existing = this.points.get(point.key);
      if (existing && mode === 'insert_only') continue;
      if (!existing && mode === 'update_only') continue;
      if (existing && keep && !keep(this.candidate(existing))) continue;
      this.points.set(point.key, { ...point, version: result.operation_id });
    }
    return result;
  }

  /** `{ points: PointStruct[] }` or `{ batch: { ids, vectors, payloads } }`, fully validated first. */
  private parseInsert(body: JsonObject): StoredPoint[] {
    let structs: unknown[];
    if (Array.isArray(body.points)) structs = body.points;
    else if (isObject(body.batch)) {
      const { ids, vectors, payloads } = body.batch;
      if (!Array.isArray(ids)) throw formatError('batch.ids: expected an array');
      structs = ids.map((id, i) => ({
        id,
        vector: Array.isArray(vectors)
          ? vectors[i]
          : isObject(vectors)
            ? Object.fromEntries(
                Object.entries(vectors).map(([name, list]) => [
                  name,
                  Array.isArray(list) ? list[i] : null,
                ]),
              )
            : null,
        payload: Array.isArray(payloads) ? payloads[i] : null,
      }));
    } else throw formatError('expected `points` or `batch`');
    return structs.map((raw, i) => {
      if (!isObject(raw)) throw formatError(`points[${i}]: expected an object`);
      const id = parsePointId(raw.id);
      const payload = optionalObject(raw.payload, `points[${i}].payload`) ?? {};
      return {
        id,
        key: idKey(id),
        version: 0,
        payload: clone(payload),
        vectors: parsePointVectors(raw.vector, this.vectors, `points[${i}].vector`),
      };
    });
  }

  /** A `PointsSelector` (`{ points }` or `{ filter }`) resolved to stored points. */
  private targets(body: JsonObject, mustExist: boolean): StoredPoint[] {
    const byFilter = given(body.filter) ? this.filter(body.filter) : undefined;
    if (given(body.points)) {
      return parsePointIds(body.points, 'points').flatMap((id) => {
        const point = this.get(id);
        if (!point && mustExist) throw notFound(`No point with id ${id} found`);
        return point && (!byFilter || byFilter(this.candidate(point))) ? [point] : [];
      });
    }
    if (byFilter) return this.select(byFilter);
    throw badRequest('Either list of point ids or filter must be provided');
  }

  deletePoints(body: JsonObject, wait: boolean): UpdateResult {
    const targets = this.targets(body, false);
    for (const point of targets) this.points.delete(point.key);
    return this.nextOperation(wait);
  }

  setPayload(body: JsonObject, wait: boolean, overwrite: boolean): UpdateResult {
    const payload = optionalObject(body.payload, 'payload');
    if (!payload) throw formatError('payload: missing field `payload`');
    const key = given(body.key) ? requiredString(body.key, 'key') : undefined;
    const targets = this.targets(body, true);
    const result = this.nextOperation(wait);
    for (const point of targets) {
      if (key !== undefined) {
        const [current] = valuesAt(point.payload, key);
        const base = !overwrite && isObject(current) ? current : {};
        setAtPath(point.payload, key, { ...base, ...clone(payload) });
      } else if (overwrite) point.payload = clone(payload);
      else Object.assign(point.payload, clone(payload));
      point.version = result.operation_id;
    }
    return result;
  }

  deletePayload(body: JsonObject, wait: boolean): UpdateResult {
    if (!Array.isArray(body.keys)) throw formatError('keys: expected an array');
    const keys = body.keys.map((key) => requiredString(key, 'keys'));
    const targets = this.targets(body, true);
    const result = this.nextOperation(wait);
    for (const point of targets) {
      for (const key of keys) deleteAtPath(point.payload, key);
      point.version = result.operation_id;
    }
    return result;
  }

  clearPayload(body: JsonObject, wait: boolean): UpdateResult {
    const targets = this.targets(body, true);
    const result = this.nextOperation(wait);
    for (const point of targets) {
      point.payload = {};
      point.version = result.operation_id;
    }
    return result;
  }

  /** Operations applied in order; like Qdrant, an error stops the batch and earlier ones stay applied. */
  batch(body: JsonObject, wait: boolean): UpdateResult[] {
    if (!Array.isArray(body.operations)) throw formatError('operations: expected an array');
    return body.operations.map((op, i) => {
      if (!isObject(op) || Object.keys(op).length !== 1) {
        throw formatError(`operations[${i}]: expected exactly one operation`);
      }
      const [kind, args] = Object.entries(op)[0] as [string, Json];
      if (!isObject(args)) throw formatError(`operations[${i}].${kind}: expected an object`);
      switch (kind) {
        case 'upsert':
          return this.upsert(args, wait);
        case 'delete':
          return this.deletePoints(args, wait);
        case 'set_payload':
          return this.setPayload(args, wait, false);
        case 'overwrite_payload':
          return this.setPayload(args, wait, true);
        case 'delete_payload':
          return this.deletePayload(args, wait);
        case 'clear_payload':
          return this.clearPayload(args, wait);
        default:
          throw unsupported(`batch operation \`${kind}\``);
      }
    });
  }

  count(body: JsonObject): { count: number } {
    return { count: this.select(this.filter(body.filter)).length };
  }

  record(point: StoredPoint, withPayload: unknown, withVector: unknown): JsonObject {
    const out: JsonObject = { id: point.id };
    const payload = selectPayload(point.payload, withPayload);
    if (payload !== undefined) out.payload = payload;
    const vector = selectVectors(point.vectors, withVector, this.vectors.single);
    if (vector !== undefined) out.vector = vector;
    return out;
  }

  scroll(body: JsonObject): JsonObject {
    if (given(body.order_by)) throw unsupported('scroll order_by');
    const limit = optionalUint(body.limit, 'limit') ?? 10;
    const start = given(body.offset) ? parsePointId(body.offset) : undefined;
    const matching = this.select(this.filter(body.filter)).filter(
      (point) => start === undefined || compareIds(point.id, start) >= 0,
    );
    const page = matching.slice(0, limit);
    return {
      points: page.map((p) => this.record(p, body.with_payload ?? true, body.with_vector)),
      next_page_offset: matching[limit]?.id ?? null,
    };
  }

  retrieve(body: JsonObject): JsonObject[] {
    const seen = new Set<string>();
    return parsePointIds(body.ids, 'ids').flatMap((id) => {
      const point = this.get(id);
      if (!point || seen.has(point.key)) return [];
      seen.add(point.key);
      return [this.record(point, body.with_payload ?? true, body.with_vector)];
    });
  }

  info(): JsonObject {
    const payloadSchema: JsonObject = {};
    for (const [field, index] of this.indexes) {
      const points = [...this.points.values()].filter((p) =>
        flatValues(valuesAt(p.payload, field)).some((v) => v !== null),
      ).length;
      payloadSchema[field] = {
        data_type: index.dataType,
        ...(index.params ? { params: index.params } : {}),
        points,
      };
    }
    const c = this.config;
    return {
      status: 'green',
      optimizer_status: 'ok',
      indexed_vectors_count: 0,
      points_count: this.points.size,
      segments_count: 1,
      config: {
        params: {
          vectors: given(c.vectors) ? clone(c.vectors) : {},
          shard_number: 1,
          replication_factor: 1,
          write_consistency_factor: 1,
          on_disk_payload: c.on_disk_payload ?? true,
          ...(given(c.sparse_vectors) ? { sparse_vectors: clone(c.sparse_vectors) } : {}),
        },
        hnsw_config: {
          m: 16,
          ef_construct: 100,
          full_scan_threshold: 10000,
          max_indexing_threads: 0,
          on_disk: false,
          ...(isObject(c.hnsw_config) ? c.hnsw_config : {}),
        },
        optimizer_config: {
          deleted_threshold: 0.2,
          vacuum_min_vector_number: 1000,
          default_segment_number: 0,
          max_segment_size: null,
          memmap_threshold: null,
          indexing_threshold: 10000,
          flush_interval_sec: 5,
          max_optimization_threads: null,
          ...(isObject(c.optimizers_config) ? c.optimizers_config : {}),
        },
        wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
        quantization_config: given(c.quantization_config) ? clone(c.quantization_config) : null,
        strict_mode_config: { enabled: false },
      },
      payload_schema: payloadSchema,
    };
  }
}
