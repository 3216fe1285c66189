import { idKey, type PointId, parsePointIds } from './ids.js';
import {
  formatError,
  given,
  isFiniteNumber,
  isObject,
  type Json,
  type JsonObject,
  oneOrMany,
  optionalUint,
  requiredString,
  validationError,
} from './json.js';
import { flatValues, valuesAt } from './payload.js';

/** What a filter is evaluated against. Nested filters see array elements with an empty `key`. */
export interface Candidate {
  key: string;
  payload: JsonObject;
  vectorNames: ReadonlySet<string>;
}

export type Predicate = (point: Candidate) => boolean;

/** Which payload keys are indexed, and where to note filter keys that are not. */
export interface FilterScope {
  indexed: ReadonlySet<string>;
  unindexed: Set<string>;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** Mean earth radius used by the `geo` crate's Haversine, which Qdrant calls. */
export const EARTH_RADIUS_M = 6371008.8;

export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** A payload value as a geo point (`{ lat, lon }`), or undefined when it is not one. */
export function asGeoPoint(value: Json | undefined): GeoPoint | undefined {
  if (!isObject(value) || !isFiniteNumber(value.lat) || !isFiniteNumber(value.lon))
    return undefined;
  return { lat: value.lat, lon: value.lon };
}

export function parseGeoPoint(raw: unknown, where: string): GeoPoint {
  const point = asGeoPoint(raw as Json);
  if (!point) throw formatError(`${where}: expected { lat, lon }`);
  if (point.lat < -90 || point.lat > 90 || point.lon < -180 || point.lon > 180) {
    throw validationError(
      `${where}: wrong latitude/longitude (lat in [-90, 90], lon in [-180, 180])`,
    );
  }
  return point;
}

/** RFC 3339 and Qdrant's relaxed forms; a missing offset means UTC. NaN when unparseable. */
export function parseDateTime(text: string): number {
  let iso = text.trim().replace(' ', 'T');
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso)) iso += 'Z';
  return Date.parse(iso);
}

const FILTER_KEYS = new Set(['must', 'should', 'must_not', 'min_should']);

/** Compiles a Qdrant `Filter`; `undefined`/`null` match everything. Validates eagerly (400 on bad input). */
export function compileFilter(raw: unknown, scope: FilterScope, prefix = ''): Predicate {
  if (!given(raw)) return () => true;
  if (!isObject(raw)) throw formatError('filter: expected an object');
  for (const key of Object.keys(raw)) {
    if (!FILTER_KEYS.has(key)) throw formatError(`filter: unknown field \`${key}\``);
  }
  const list = (value: unknown) => oneOrMany(value)?.map((c) => compileCondition(c, scope, prefix));
  const must = list(raw.must);
  const should = list(raw.should);
  const mustNot = list(raw.must_not);
  let minShould: { conditions: Predicate[]; minCount: number } | undefined;
  if (given(raw.min_should)) {
    if (!isObject(raw.min_should) || !Array.isArray(raw.min_should.conditions)) {
      throw formatError('min_should: expected { conditions, min_count }');
    }
    minShould = {
      conditions: raw.min_should.conditions.map((c) => compileCondition(c, scope, prefix)),
      minCount: optionalUint(raw.min_should.min_count, 'min_should.min_count') ?? 0,
    };
  }
  return (point) =>
    // An empty `should` list matches nothing, exactly like Qdrant's `check_should`.
    (!should || should.some((check) => check(point))) &&
    (!minShould ||
      minShould.conditions.filter((check) => check(point)).length >= minShould.minCount) &&
    (!must || must.every((check) => check(point))) &&
    (!mustNot || mustNot.every((check) => !check(point)));
}

function noteKey(scope: FilterScope, key: string): void {
  if (!scope.indexed.has(key)) scope.unindexed.add(key);
}

const isEmptyValues = (values: Json[]) =>
  values.every((value) => value === null || (Array.isArray(value) && value.length === 0));
const isNullValues = (values: Json[]) => values.some((value) => value === null);

/** Compiles one `Condition` (field, is_empty, is_null, has_id, has_vector, nested, or a nested filter). */
export function compileCondition(raw: unknown, scope: FilterScope, prefix = ''): Predicate {
  if (!isObject(raw)) throw formatError('condition: expected an object');
  if ('key' in raw) return compileFieldCondition(raw, scope, prefix);
  if ('is_empty' in raw || 'is_null' in raw) {
    const empty = 'is_empty' in raw;
    const field = empty ? raw.is_empty : raw.is_null;
    const key = requiredString(isObject(field) ? field.key : undefined, 'is_empty/is_null.key');
    noteKey(scope, prefix + key);
    return (point) => {
      const values = valuesAt(point.payload, key);
      return empty ? isEmptyValues(values) : isNullValues(values);
    };
  }
  if ('has_id' in raw) {
    const keys = new Set(parsePointIds(raw.has_id, 'has_id').map((id: PointId) => idKey(id)));
    return (point) => keys.has(point.key);
  }
  if ('has_vector' in raw) {
    const name = requiredString(raw.has_vector, 'has_vector');
    return (point) => point.vectorNames.has(name);
  }
  if ('nested' in raw) {
    const nested = raw.nested;
    if (!isObject(nested)) throw formatError('nested: expected { key, filter }');
    const key = requiredString(nested.key, 'nested.key');
    const inner = compileFilter(nested.filter ?? {}, scope, `${prefix}${key}[].`);
    const none: ReadonlySet<string> = new Set();
    return (point) =>
      flatValues(valuesAt(point.payload, key)).some(
        (item) => isObject(item) && inner({ key: '', payload: item, vectorNames: none }),
      );
  }
  const keys = Object.keys(raw);
  if (keys.every((key) => FILTER_KEYS.has(key))) return compileFilter(raw, scope, prefix);
  throw formatError('data did not match any variant of untagged enum Condition');
}

type ValueCheck = (value: Json) => boolean;

function compileFieldCondition(raw: JsonObject, scope: FilterScope, prefix: string): Predicate {
  const key = requiredString(raw.key, 'key');
  noteKey(scope, prefix + key);
  const checks: ValueCheck[] = [];
  if (given(raw.match)) checks.push(compileMatch(raw.match));
  if (given(raw.range)) checks.push(compileRange(raw.range));
  if (given(raw.geo_radius)) checks.push(compileGeoRadius(raw.geo_radius));
  if (given(raw.geo_bounding_box)) checks.push(compileGeoBox(raw.geo_bounding_box));
  if (given(raw.geo_polygon)) checks.push(compileGeoPolygon(raw.geo_polygon));
  const count = given(raw.values_count) ? compileCount(raw.values_count) : undefined;
  const inlineEmpty = typeof raw.is_empty === 'boolean' ? raw.is_empty : undefined;
  const inlineNull = typeof raw.is_null === 'boolean' ? raw.is_null : undefined;
  if (checks.length === 0 && !count && inlineEmpty === undefined && inlineNull === undefined) {
    throw validationError(`${prefix}${key}: At least one field condition must be specified`);
  }
  return (point) => {
    const values = valuesAt(point.payload, key);
    if (inlineEmpty !== undefined) return isEmptyValues(values) === inlineEmpty;
    if (inlineNull !== undefined) return isNullValues(values) === inlineNull;
    // A missing field only satisfies a values_count that admits 0 (geo, match, range: no match).
    if (values.length === 0) return count ? count(0) : false;
    if (count) return values.some((value) => count(Array.isArray(value) ? value.length : 1));
    return values.some((value) =>
      Array.isArray(value)
        ? value.some((item) => checks.some((check) => check(item)))
        : checks.some((check) => check(value)),
    );
  };
}

function listOf(raw: unknown, where: string): { strings?: Set<string>; ints?: Set<number> } {
  if (!Array.isArray(raw)) throw formatError(`${where}: expected an array`);
  if (raw.every((item) => typeof item === 'string')) return { strings: new Set(raw as string[]) };
  if (raw.every((item) => typeof item === 'number' && Number.isSafeInteger(item))) {
    return { ints: new Set(raw as number[]) };
  }
  throw formatError(`${where}: expected only strings or only integers`);
}

function compileMatch(raw: unknown): ValueCheck {
  if (!isObject(raw)) throw formatError('match: expected an object');
  if ('value' in raw) {
    const expected = raw.value;
    if (typeof expected === 'string' || typeof expected === 'boolean') {
      return (value) => value === expected;
    }
    if (typeof expected === 'number' && Number.isSafeInteger(expected)) {
      return (value) => typeof value === 'number' && Number.isInteger(value) && value === expected;
    }
    throw formatError('match.value: expected a string, an integer or a boolean');
  }
  if ('any' in raw) {
    const { strings, ints } = listOf(raw.any, 'match.any');
    return (value) =>
      (typeof value === 'string' && strings?.has(value) === true) ||
      (typeof value === 'number' && Number.isInteger(value) && ints?.has(value) === true);
  }
  if ('except' in raw) {
    const { strings, ints } = listOf(raw.except, 'match.except');
    return (value) => {
      if (value === null) return false;
      if (typeof value === 'string' && strings) return !strings.has(value);
      if (typeof value === 'number' && ints) return !(Number.isInteger(value) && ints.has(value));
      return true;
    };
  }
  for (const kind of ['text', 'phrase'] as const) {
    if (kind in raw) {
      const needle = requiredString(raw[kind], `match.${kind}`);
      return (value) => typeof value === 'string' && value.includes(needle);
    }
  }
  if ('text_any' in raw) {
    const words = requiredString(raw.text_any, 'match.text_any').split(/\s+/).filter(Boolean);
    return (value) => typeof value === 'string' && words.some((word) => value.includes(word));
  }
  throw formatError('match: expected value, any, except, text, text_any or phrase');
}

function compileRange(raw: unknown): ValueCheck {
  if (!isObject(raw)) throw formatError('range: expected an object');
  const bounds = (['lt', 'gt', 'lte', 'gte'] as const).map((name) => [name, raw[name]] as const);
  const datetime = bounds.some(([, bound]) => typeof bound === 'string');
  const parsed = bounds.flatMap(([name, bound]) => {
    if (!given(bound)) return [];
    const limit = datetime && typeof bound === 'string' ? parseDateTime(bound) : bound;
    if (!isFiniteNumber(limit)) throw formatError(`range.${name}: invalid bound`);
    return [[name, limit] as const];
  });
  const inRange = (n: number) =>
    parsed.every(([name, limit]) =>
      name === 'lt'
        ? n < limit
        : name === 'gt'
          ? n > limit
          : name === 'lte'
            ? n <= limit
            : n >= limit,
    );
  return datetime
    ? (value) => typeof value === 'string' && inRange(parseDateTime(value))
    : (value) => typeof value === 'number' && inRange(value);
}

function compileGeoRadius(raw: unknown): ValueCheck {
  if (!isObject(raw) || !isFiniteNumber(raw.radius)) {
    throw formatError('geo_radius: expected { center, radius }');
  }
  const center = parseGeoPoint(raw.center, 'geo_radius.center');
  const radius = raw.radius;
  return (value) => {
    const point = asGeoPoint(value);
    return point !== undefined && haversineMeters(center, point) < radius;
  };
}

function compileGeoBox(raw: unknown): ValueCheck {
  if (!isObject(raw)) throw formatError('geo_bounding_box: expected { top_left, bottom_right }');
  const topLeft = parseGeoPoint(raw.top_left, 'geo_bounding_box.top_left');
  const bottomRight = parseGeoPoint(raw.bottom_right, 'geo_bounding_box.bottom_right');
  return (value) => {
    const p = asGeoPoint(value);
    if (!p) return false;
    const lonOk =
      topLeft.lon > bottomRight.lon // the box crosses the antimeridian
        ? p.lon > topLeft.lon || p.lon < bottomRight.lon
        : topLeft.lon < p.lon && p.lon < bottomRight.lon;
    return lonOk && bottomRight.lat < p.lat && p.lat < topLeft.lat;
  };
}

function ring(raw: unknown, where: string): GeoPoint[] {
  if (!isObject(raw) || !Array.isArray(raw.points) || raw.points.length < 4) {
    throw validationError(`${where}: a polygon line string needs at least 4 points`);
  }
  return raw.points.map((p, i) => parseGeoPoint(p, `${where}.points[${i}]`));
}

function insideRing(p: GeoPoint, points: GeoPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i] as GeoPoint;
    const b = points[j] as GeoPoint;
    if (a.lat > p.lat !== b.lat > p.lat) {
      const crossLon = ((b.lon - a.lon) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lon;
      if (p.lon < crossLon) inside = !inside;
    }
  }
  return inside;
}

function compileGeoPolygon(raw: unknown): ValueCheck {
  if (!isObject(raw)) throw formatError('geo_polygon: expected { exterior, interiors? }');
  const exterior = ring(raw.exterior, 'geo_polygon.exterior');
  const interiors = (oneOrMany(raw.interiors) ?? []).map((r, i) =>
    ring(r, `geo_polygon.interiors[${i}]`),
  );
  return (value) => {
    const p = asGeoPoint(value);
    return p !== undefined && insideRing(p, exterior) && !interiors.some((r) => insideRing(p, r));
  };
}

function compileCount(raw: unknown): (count: number) => boolean {
  if (!isObject(raw)) throw formatError('values_count: expected an object');
  const lt = optionalUint(raw.lt, 'values_count.lt');
  const gt = optionalUint(raw.gt, 'values_count.gt');
  const lte = optionalUint(raw.lte, 'values_count.lte');
  const gte = optionalUint(raw.gte, 'values_count.gte');
  return (n) =>
    (lt === undefined || n < lt) &&
    (gt === undefined || n > gt) &&
    (lte === undefined || n <= lte) &&
    (gte === undefined || n >= gte);
}
