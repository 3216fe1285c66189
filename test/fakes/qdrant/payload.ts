import {
  clone,
  formatError,
  given,
  isObject,
  type Json,
  type JsonObject,
  requiredString,
} from './json.js';

/** One step of a Qdrant JSON path: `key`, `[]` (every array element) or `[n]`. */
type PathStep = { key: string } | { all: true } | { index: number };

/** Parses Qdrant's payload key syntax: `a.b`, `a[].b`, `a[0]`, `"dotted.key".b`. */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  const fail = () => formatError(`invalid payload key ${JSON.stringify(path)}`);
  while (i < path.length) {
    if (path[i] === '"') {
      const end = path.indexOf('"', i + 1);
      if (end < 0) throw fail();
      steps.push({ key: path.slice(i + 1, end) });
      i = end + 1;
    } else {
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      if (end === i) throw fail();
      steps.push({ key: path.slice(i, end) });
      i = end;
    }
    while (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) throw fail();
      const inner = path.slice(i + 1, close);
      if (inner === '') steps.push({ all: true });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else throw fail();
      i = close + 1;
    }
    if (i < path.length) {
      if (path[i] !== '.') throw fail();
      i++;
      if (i === path.length) throw fail();
    }
  }
  if (steps.length === 0) throw fail();
  return steps;
}

/**
 * The values a path selects (Qdrant `JsonPath::value_get`): keys only descend into objects, `[]` into
 * every array element, `[n]` into one. An array at the end of the path is returned as one value.
 */
export function valuesAt(payload: JsonObject, path: string): Json[] {
  let current: Json[] = [payload];
  for (const step of parsePath(path)) {
    const next: Json[] = [];
    for (const value of current) {
      if ('key' in step) {
        if (isObject(value) && step.key in value) next.push(value[step.key] as Json);
      } else if (Array.isArray(value)) {
        if ('all' in step) next.push(...value);
        else if (step.index < value.length) next.push(value[step.index] as Json);
      }
    }
    current = next;
  }
  return current;
}

/** Arrays expanded one level: the per-element view filters and formula variables use. */
export const flatValues = (values: Json[]): Json[] =>
  values.flatMap((value) => (Array.isArray(value) ? value : [value]));

function objectPath(path: string): string[] {
  return parsePath(path).map((step) => {
    if (!('key' in step))
      throw formatError(`payload key ${JSON.stringify(path)} must not index arrays here`);
    return step.key;
  });
}

/** Sets `value` at a dotted path, creating (or replacing non-object) intermediate objects. */
export function setAtPath(payload: JsonObject, path: string, value: Json): void {
  const keys = objectPath(path);
  let target = payload;
  for (const key of keys.slice(0, -1)) {
    const next = target[key];
    if (isObject(next)) target = next;
    else {
      const created: JsonObject = {};
      target[key] = created;
      target = created;
    }
  }
  target[keys[keys.length - 1] as string] = value;
}

export function deleteAtPath(payload: JsonObject, path: string): void {
  const keys = objectPath(path);
  let target: Json = payload;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(target)) return;
    target = target[key] as Json;
  }
  if (isObject(target)) delete target[keys[keys.length - 1] as string];
}

/** `with_payload`: true | false | [keys] | { include } | { exclude }. `undefined` result = omit it. */
export function selectPayload(payload: JsonObject, selector: unknown): JsonObject | undefined {
  if (!given(selector) || selector === false) return undefined;
  if (selector === true) return clone(payload);
  const include = Array.isArray(selector)
    ? selector
    : isObject(selector) && Array.isArray(selector.include)
      ? selector.include
      : undefined;
  if (include) {
    const out: JsonObject = {};
    for (const rawKey of include) {
      const key = requiredString(rawKey, 'with_payload.include');
      const [value] = valuesAt(payload, key);
      if (value !== undefined) setAtPath(out, key, clone(value));
    }
    return out;
  }
  if (isObject(selector) && Array.isArray(selector.exclude)) {
    const out = clone(payload);
    for (const key of selector.exclude)
      deleteAtPath(out, requiredString(key, 'with_payload.exclude'));
    return out;
  }
  throw formatError('with_payload: expected a boolean, an array of keys, {include} or {exclude}');
}
