import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFakeApp, FAKE_APP_TOKENS } from '../../test/support/fake-app.js';
import { ERROR_CODES } from '../domain/index.js';
import { HTTP_STATUS } from './errors.js';

/**
 * Every `/api` route that takes a body, read from the app's own OpenAPI document, against
 * malformed variants: the answer is always the client's 4xx in the error shape, never a 5xx,
 * never logged as a server failure, and never echoes what was sent (every variant carries a
 * marker that must not come back).
 *
 * Expected statuses, in the order the app checks: 413 over the body limit (before anything else);
 * 401 without a valid token; 415 unless `application/json` (optionally `; charset=utf-8`); 400 a
 * body that is not JSON (empty, cut short, not text); 422 JSON of the wrong shape, with an issue
 * naming the field; then the route's own answer to a valid-shaped body (`VALID_ANSWER`).
 */

const API_LIMIT = 8 * 1024;

interface JsonSchema {
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

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface BodyRoute {
  key: string;
  method: string;
  template: string;
  parameters: Parameter[];
  schema: JsonSchema;
}

/** What a valid-shaped body gets, by role; each body route must be listed (a new one fails here). */
const VALID_ANSWER: Record<string, { coordinator: number; viewer: number }> = {
  // The fake store holds no referral: a valid decision finds none. A viewer may not decide.
  'POST /api/referrals/{id}/review': { coordinator: 404, viewer: 403 },
  // The fake matcher answers anyone in the practice.
  'POST /api/match': { coordinator: 200, viewer: 200 },
};

const ErrorAnswer = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string().min(1),
    issues: z
      .array(z.strictObject({ path: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  }),
});

const JSON_TYPES = ['string', 'number', 'boolean', 'null', 'array', 'object'] as const;
type JsonType = (typeof JSON_TYPES)[number];

/** The JSON types a schema admits (`integer` counts as `number`); all of them when it says none. */
function typesOf(schema: JsonSchema): Set<JsonType> {
  const declared = schema.type === undefined ? [] : [schema.type].flat();
  const fromEnum = (schema.enum ?? []).map((v) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v,
  );
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((s) => [...typesOf(s)]);
  const all = [...declared, ...fromEnum, ...nested].map((t) => (t === 'integer' ? 'number' : t));
  return new Set(all.length === 0 ? JSON_TYPES : (all as JsonType[]));
}

/** The smallest body the schema accepts: required properties only, at their lowest bounds. */
function validExample(schema: JsonSchema): unknown {
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
function fieldsOf(
  schema: JsonSchema,
  path: string[] = [],
): Array<{ path: string[]; schema: JsonSchema }> {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [
    { path: [...path, name], schema: child },
    ...fieldsOf(child, [...path, name]),
  ]);
}

/** The objects (root included) that refuse unknown keys, with their paths. */
function closedObjectsOf(schema: JsonSchema): string[][] {
  const all = [{ path: [] as string[], schema }, ...fieldsOf(schema)];
  return all.filter((f) => f.schema.additionalProperties === false).map((f) => f.path);
}

/** Sets `value` at `path` in a copy of `body`, creating the objects on the way. */
function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return { ...object, [head]: withValueAt(object[head], rest, value) };
}

const issuePath = (path: string[]) => (path.length === 0 ? '(root)' : path.join('.'));

const markers = fc.integer({ min: 100_000, max: 999_999 }).map((n) => `CANARY${n}Q`);
/** A string carrying the marker somewhere. */
const markedString = (marker: string) =>
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
    .map(([a, b]) => a + marker + b);

/** JSON values of a type `schema` does not admit, carrying the marker where the type can. */
function wrongValueFor(schema: JsonSchema, marker: string): fc.Arbitrary<unknown> {
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

const encode = (text: string) => new TextEncoder().encode(text);
function parses(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(bytes));
    return true;
  } catch {
    return false;
  }
}

interface Variant {
  what: string;
  marker: string;
  contentType: string | undefined;
  body: Uint8Array;
  status: number;
  /** An issue the 422 must name. */
  issue?: { path: string; code?: string };
}

/** Malformed variants of a body for `route`, each with the status the app must answer. */
function variantsFor(route: BodyRoute, valid: unknown): fc.Arbitrary<Variant> {
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
      body: encode(JSON.stringify({ ...(valid as object), pad: marker.repeat(API_LIMIT) })),
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

describe('malformed bodies on every /api route (property-based)', () => {
  let fake: Awaited<ReturnType<typeof createFakeApp>>;
  let routes: BodyRoute[];

  beforeAll(async () => {
    fake = await createFakeApp({ maxApiBytes: API_LIMIT });
    const doc = fake.app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '0' },
    });
    routes = Object.entries(doc.paths ?? {}).flatMap(([template, item]) =>
      Object.entries(item as Record<string, { parameters?: Parameter[]; requestBody?: unknown }>)
        .filter(([, op]) => template.startsWith('/api/') && op.requestBody !== undefined)
        .map(([method, op]) => {
          const body = op.requestBody as { content: Record<string, { schema: JsonSchema }> };
          const schema = body.content['application/json']?.schema;
          if (!schema || schema.$ref)
            throw new Error(`${template}: expected an inline JSON schema`);
          return {
            key: `${method.toUpperCase()} ${template}`,
            method: method.toUpperCase(),
            template,
            parameters: op.parameters ?? [],
            schema,
          };
        }),
    );
  });
  afterAll(() => fake.close());

  let keys = 0;
  /** A request to `route` with valid path and header parameters, the given body and token. */
  function send(route: BodyRoute, v: Pick<Variant, 'contentType' | 'body'>, token?: string) {
    const param = (p: Parameter) => String(validExample(p.schema));
    const path = route.parameters
      .filter((p) => p.in === 'path')
      .reduce((t, p) => t.replace(`{${p.name}}`, encodeURIComponent(param(p))), route.template);
    const headers: Record<string, string> = Object.fromEntries(
      route.parameters
        .filter((p) => p.in === 'header' && p.required)
        .map((p) => [p.name, p.name === 'idempotency-key' ? `key-${++keys}` : param(p)]),
    );
    if (v.contentType !== undefined) headers['content-type'] = v.contentType;
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    return fake.app.request(path, { method: route.method, headers, body: v.body });
  }

  /** The answer is `status`, in the error shape, its code that status's, without the marker. */
  async function expectError(res: Response, status: number, marker: string) {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = ErrorAnswer.parse(JSON.parse(text));
    expect(HTTP_STATUS[answer.error.code]).toBe(status);
    expect(text).not.toContain(marker);
    return answer;
  }

  it('finds the body routes in the OpenAPI document, each with its expected valid answer', () => {
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(VALID_ANSWER).sort());
  });

  it('takes the smallest valid body of each route (the baseline every variant breaks)', async () => {
    for (const route of routes) {
      const expected = VALID_ANSWER[route.key];
      const body = encode(JSON.stringify(validExample(route.schema)));
      for (const contentType of ['application/json', 'Application/JSON ; Charset="UTF-8"']) {
        const res = await send(route, { contentType, body }, FAKE_APP_TOKENS.coordinator);
        expect(res.status, `${route.key} ${contentType}`).toBe(expected?.coordinator);
      }
      const asViewer = await send(
        route,
        { contentType: 'application/json', body },
        FAKE_APP_TOKENS.viewer,
      );
      expect(asViewer.status, route.key).toBe(expected?.viewer);
    }
    expect(fake.logged).toEqual([]);
  });

  it('answers each malformed variant with its 4xx, field issues for a 422, no echo, no error log', async () => {
    for (const route of routes) {
      const valid = validExample(route.schema);
      await fc.assert(
        fc.asyncProperty(variantsFor(route, valid), async (v) => {
          const res = await send(route, v, FAKE_APP_TOKENS.coordinator);
          const answer = await expectError(res, v.status, v.marker);
          if (v.status === 422) expect(answer.error.issues?.length).toBeGreaterThan(0);
          if (v.issue) {
            expect(answer.error.issues, v.what).toContainEqual(
              expect.objectContaining({
                path: v.issue.path,
                ...(v.issue.code ? { code: v.issue.code } : {}),
              }),
            );
          }
        }),
        { numRuns: 300 },
      );
    }
    expect(fake.logged).toEqual([]);
  });

  it('checks the token before the body: 401 without one (only the size limit comes first)', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          variantsFor(route, validExample(route.schema)),
          fc.constantFrom(undefined, 'not-a-known-token-000'),
          async (v, token) => {
            const res = await send(route, v, token);
            await expectError(res, v.status === 413 ? 413 : 401, v.marker);
          },
        ),
      );
    }
    expect(fake.logged).toEqual([]);
  });

  it('checks the body before the role: a viewer gets the same 4xx for a malformed body', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(variantsFor(route, validExample(route.schema)), async (v) => {
          await expectError(await send(route, v, FAKE_APP_TOKENS.viewer), v.status, v.marker);
        }),
      );
    }
    expect(fake.logged).toEqual([]);
  });

  it('answers bad path ids with 422 and valid unknown ones with 404, never echoing them', async () => {
    const doc = fake.app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '0' },
    });
    const withId = Object.entries(doc.paths ?? {})
      .filter(([t]) => t.startsWith('/api/') && t.includes('{id}'))
      .flatMap(([t, item]) => Object.keys(item as object).map((m) => ({ template: t, method: m })));
    const idSchema = z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9_.:-]+$/);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withId),
        markers,
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        async (route, marker, noise) => {
          const id = `${noise}${marker}`;
          const isPost = route.method === 'post';
          const res = await fake.app.request(
            route.template.replace('{id}', encodeURIComponent(id)),
            {
              method: route.method.toUpperCase(),
              headers: {
                authorization: `Bearer ${FAKE_APP_TOKENS.coordinator}`,
                ...(isPost ? { 'content-type': 'application/json', 'idempotency-key': 'k-1' } : {}),
              },
              ...(isPost ? { body: '{"decision":"approve"}' } : {}),
            },
          );
          await expectError(res, idSchema.safeParse(id).success ? 404 : 422, marker);
        },
      ),
    );
    expect(fake.logged).toEqual([]);
  });

  it('answers bad query strings with 422 naming the parameter, never echoing them', async () => {
    const doc = fake.app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '0' },
    });
    const withQuery = Object.entries(doc.paths ?? {}).flatMap(([template, item]) =>
      Object.values(item as Record<string, { parameters?: Parameter[] }>)
        .map((op) => ({ template, query: (op.parameters ?? []).filter((p) => p.in === 'query') }))
        .filter((r) => template.startsWith('/api/') && r.query.length > 0),
    );
    expect(withQuery.map((r) => r.template).sort()).toEqual(['/api/referrals', '/api/tasks']);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...withQuery)
          .chain((route) => fc.tuple(fc.constant(route), fc.constantFrom(...route.query))),
        markers,
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        async ([route, param], marker, noise) => {
          const value = `${noise}${marker}`;
          const res = await fake.app.request(
            `${route.template}?${new URLSearchParams({ [param.name]: value })}`,
            { headers: { authorization: `Bearer ${FAKE_APP_TOKENS.coordinator}` } },
          );
          const answer = await expectError(res, 422, marker);
          expect(answer.error.issues?.map((i) => i.path)).toEqual([param.name]);
        },
      ),
    );
    expect(fake.logged).toEqual([]);
  });
});

describe('the defects a hostile probe found (examples)', () => {
  let fake: Awaited<ReturnType<typeof createFakeApp>>;
  beforeAll(async () => {
    fake = await createFakeApp();
  });
  afterAll(() => fake.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fake.app.request(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${FAKE_APP_TOKENS.coordinator}`,
        'content-type': 'application/json',
        'idempotency-key': 'key-1',
        ...headers,
      },
      body: encode(body),
    });

  it.each([
    ['/api/referrals/ref-1/review', '{"decision":"appr'],
    ['/api/referrals/ref-1/review', ''],
    ['/api/referrals/ref-1/review', 'decision=approve'],
    ['/api/match', '{"reason": "x", "patient": {'],
    ['/api/match', ''],
    ['/api/match', 'not json at all'],
  ])('POST %s with body %j: 400 BAD_REQUEST, not a logged 500', async (path, body) => {
    const res = await post(path, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(fake.logged).toEqual([]);
  });

  it.each([
    'text/plain',
    'application/jsonp',
    'application/json-seq',
    'application/vnd.api+json',
    'application/json; charset=latin1',
  ])('POST /api/match as %s: 415, even with a JSON body', async (contentType) => {
    const res = await post('/api/match', '{}', { 'content-type': contentType });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('POST /api/match with no content-type and no body: 415, not a validated {}', async () => {
    const res = await fake.app.request('/api/match', {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_APP_TOKENS.coordinator}` },
    });
    expect(res.status).toBe(415);
  });

  it.each([
    ['/api/referrals?limit=abc', 'limit'],
    ['/api/referrals?limit=0', 'limit'],
    ['/api/referrals?limit=1&limit=2', 'limit'],
    ['/api/referrals?offset=-1', 'offset'],
    ['/api/referrals?status=nope', 'status'],
    ['/api/tasks?status=nope', 'status'],
  ])('GET %s: 422 naming %s', async (path, field) => {
    const res = await fake.app.request(path, {
      headers: { authorization: `Bearer ${FAKE_APP_TOKENS.coordinator}` },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { issues: [{ path: field }] } });
  });
});
