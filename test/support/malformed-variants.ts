import fc from 'fast-check';

/**
 * Malformed variants of the bodies the `/api` routes declare in their OpenAPI document, for the
 * property-based tests in `src/http/malformed-bodies.test.ts`.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface BodyRoute {
  key: string;
  method: string;
  template: string;
  parameters: Parameter[];
  schema: JsonSchema;
}

export const JSON_TYPES = ['string', 'number', 'boolean', 'null', 'array', 'object'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** The JSON types a schema admits (`integer` counts as `number`); all of them when it says none. */
export function typesOf(schema: JsonSchema): Set<JsonType> {
  const declared = schema.type === undefined ? [] : [schema.type].flat();
  const fromEnum = (schema.enum ?? []).map((v) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v,
  );
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => [...typesOf(s)]);
  const all = [...declared, ...fromEnum, ...nested].map((t) => (t === 'integer' ? 'number' : t));
  return new Set(all.length === 0 ? JSON_TYPES : (all as JsonType[]));
}

/** The smallest body the schema accepts: required properties only, at their lowest bounds. */
export function validExample(schema: JsonSchema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const [type] = [...typesOf(schema)];
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [
          name,
          validExample(schema.properties?.[name] ?? {}),
        ]),
      );
    case 'array':
      return [];
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

/** Every property below `schema`, nested objects included, with its path. */
export function fieldsOf(
  schema: JsonSchema,
  path: string[] = [],
): Array<{ path: string[]; schema: JsonSchema }> {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [
    { path: [...path, name], schema: child },
    ...fieldsOf(child, [...path, name]),
  ]);
}

/** The objects (root included) that refuse unknown keys, with their paths. */
export function closedObjectsOf(schema: JsonSchema): string[][] {
  const all = [{ path: [] as string[], schema }, ...fieldsOf(schema)];
  return all.filter((f) => f.schema.additionalProperties === false).map((f) => f.path);
}

/** Sets `value` at `path` in a copy of `body`, creating the objects on the way. */
export function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return { ...object, [head]: withValueAt(object[head], rest, value) };
}

export const issuePath = (path: string[]) => (path.length === 0 ? '(root)' : path.join('.'));

export const markers = fc.integer({ min: 100_000, max: 999_999 }).map((n) => `CANARY${n}Q`);
/** A string carrying the marker somewhere. */
export const markedString = (marker: string) =>
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
    .map(([a, b]) => a + marker + b);

/** JSON values of a type `schema` does not admit, carrying the marker where the type can. */
export function wrongValueFor(schema: JsonSchema, marker: string): fc.Arbitrary<unknown> {
  const admitted = typesOf(schema);
  const byType: Record<JsonType, fc.Arbitrary<unknown>> = {
    string: markedString(marker),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(markedString(marker), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 6 }), markedString(marker), { maxKeys: 3 }),
  };
  const wrong = JSON_TYPES.filter((t) => !admitted.has(t)).map((t) => byType[t]);
  return fc.oneof(...wrong);
}

export const encode = (text: string) => new TextEncoder().encode(text);
export function parses(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(bytes));
    return true;
  } catch {
    return false;
  }
}

export interface Variant {
  what: string;
  marker: string;
  contentType: string | undefined;
  body: Uint8Array;
  status: number;
  /** An issue the 422 must name. */
  issue?: { path: string; code?: string };
}

/** Malformed variants of a body for `route`, each with the status the app must answer. */
export function variantsFor(
  route: BodyRoute,
  valid: unknown,
  apiLimit: number,
): fc.Arbitrary<Variant> {
  const json = 'application/json';
  const full = (marker: string) => JSON.stringify({ ...(valid as object), [marker]: marker });
  const fields = fieldsOf(route.schema);
  const closed = closedObjectsOf(route.schema);
  const byParse = (bytes: Uint8Array) => (parses(bytes) ? 422 : 400);

  const empty = markers.map(
    (marker): Variant => ({
      what: 'empty',
      marker,
      contentType: json,
      body: new Uint8Array(),
      status: 400,
    }),
  );
  const truncated = markers.chain((marker) =>
    fc.nat({ max: full(marker).length - 1 }).map(
      (cut): Variant => ({
        what: 'truncated JSON',
        marker,
        contentType: json,
        body: encode(full(marker).slice(0, cut)),
        status: 400,
      }),
    ),
  );
  const text = markers.chain((marker) =>
    fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat()).map(([s, at]): Variant => {
      const i = at % (s.length + 1);
      const body = encode(s.slice(0, i) + marker + s.slice(i));
      return { what: 'text', marker, contentType: json, body, status: byParse(body) };
    }),
  );
  const bytes = markers.chain((marker) =>
    fc
      .tuple(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }))
      .map(([a, b]): Variant => {
        const body = new Uint8Array([...a, ...encode(marker), ...b]);
        return { what: 'random bytes', marker, contentType: json, body, status: byParse(body) };
      }),
  );
  const wrongRoot = markers.chain((marker) =>
    wrongValueFor(route.schema, marker).map(
      (value): Variant => ({
        what: 'JSON of the wrong type',
        marker,
        contentType: json,
        body: encode(JSON.stringify(value)),
        status: 422,
        issue: { path: '(root)', code: 'invalid_type' },
      }),
    ),
  );
  const wrongField = markers.chain((marker) =>
    fc.constantFrom(...fields).chain((field) =>
      wrongValueFor(field.schema, marker).map(
        (value): Variant => ({
          what: `a wrong-typed ${issuePath(field.path)}`,
          marker,
          contentType: json,
          body: encode(JSON.stringify(withValueAt(valid, field.path, value))),
          status: 422,
          issue: { path: issuePath(field.path) },
        }),
      ),
    ),
  );
  const unknownKey = markers.chain((marker) =>
    fc
      .tuple(fc.constantFrom(...closed), fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([path, key, value]): Variant => {
        const inner = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], valid) as
          | Record<string, unknown>
          | undefined;
        const extended = { ...(inner ?? {}), [`${key}${marker}`]: value };
        return {
          what: `an unknown key in ${issuePath(path)}`,
          marker,
          contentType: json,
          body: encode(JSON.stringify(withValueAt(valid, path, extended))),
          status: 422,
          issue: { path: issuePath(path), code: 'unrecognized_keys' },
        };
      }),
  );
  const wrongContentType = markers.chain((marker) =>
    fc
      .constantFrom(
        undefined,
        'text/plain',
        'text/plain; charset=utf-8',
        'text/json',
        'application/jsonp',
        'application/json-seq',
        'application/json5',
        'application/vnd.api+json',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/octet-stream',
      )
      .map(
        (contentType): Variant => ({
          what: `content-type ${contentType ?? '(none)'}`,
          marker,
          contentType,
          body: encode(full(marker)),
          status: 415,
        }),
      ),
  );
  const oversized = markers.map(
    (marker): Variant => ({
      what: 'over the body limit',
      marker,
      contentType: json,
      body: encode(JSON.stringify({ ...(valid as object), pad: marker.repeat(apiLimit) })),
      status: 413,
    }),
  );
  return fc.oneof(
    empty,
    truncated,
    text,
    bytes,
    wrongRoot,
    wrongField,
    unknownKey,
    wrongContentType,
    oversized,
  );
}
