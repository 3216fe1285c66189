import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildConsultNoteXml } from '../../test/support/ccda-documents.js';
import { createFakeApp, FAKE_APP_TOKENS } from '../../test/support/fake-app.js';
import {
  type BodyRoute,
  encode,
  type JsonSchema,
  markers,
  type Parameter,
  type Variant,
  validExample,
  variantsFor,
} from '../../test/support/malformed-variants.js';
import { ANALYTICS_VIEWS, ERROR_CODES } from '../domain/index.js';
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

/** What a valid-shaped body gets, by role; each body route must be listed (a new one fails here). */
const VALID_ANSWER: Record<string, { coordinator: number; viewer: number }> = {
  // The fake store holds no referral: a valid decision finds none. A viewer may not decide.
  'POST /api/referrals/{id}/review': { coordinator: 404, viewer: 403 },
  // The fake matcher answers anyone in the practice.
  'POST /api/match': { coordinator: 200, viewer: 200 },
  // The fake store holds no task: a valid completion finds none. A viewer may not complete.
  'POST /api/tasks/{id}/complete': { coordinator: 404, viewer: 403 },
};

/** Body routes that take no JSON: tested on their own (`routes/documents.test.ts`). */
const NOT_JSON = ['POST /api/referrals/{id}/documents'];

const ErrorAnswer = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string().min(1),
    issues: z
      .array(z.strictObject({ path: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  }),
});

describe('malformed bodies on every /api route (property-based)', () => {
  let fake: Awaited<ReturnType<typeof createFakeApp>>;
  let routes: BodyRoute[];
  let otherBodies: string[];

  beforeAll(async () => {
    fake = await createFakeApp({ maxApiBytes: API_LIMIT });
    const doc = fake.app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '0' },
    });
    const isJson = (op: { requestBody?: unknown }) =>
      'application/json' in ((op.requestBody as { content?: object }).content ?? {});
    const withBody = Object.entries(doc.paths ?? {}).flatMap(([template, item]) =>
      Object.entries(item as Record<string, { parameters?: Parameter[]; requestBody?: unknown }>)
        .filter(([, op]) => template.startsWith('/api/') && op.requestBody !== undefined)
        .map(([method, op]) => ({ template, method, op })),
    );
    otherBodies = withBody
      .filter((r) => !isJson(r.op))
      .map((r) => `${r.method.toUpperCase()} ${r.template}`);
    routes = withBody
      .filter((r) => isJson(r.op))
      .map(({ template, method, op }) => {
        const body = op.requestBody as { content: Record<string, { schema: JsonSchema }> };
        const schema = body.content['application/json']?.schema;
        if (!schema || schema.$ref) throw new Error(`${template}: expected an inline JSON schema`);
        return {
          key: `${method.toUpperCase()} ${template}`,
          method: method.toUpperCase(),
          template,
          parameters: op.parameters ?? [],
          schema,
        };
      });
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
    expect(otherBodies).toEqual(NOT_JSON);
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
        fc.asyncProperty(variantsFor(route, valid, API_LIMIT), async (v) => {
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
          variantsFor(route, validExample(route.schema), API_LIMIT),
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
        fc.asyncProperty(variantsFor(route, validExample(route.schema), API_LIMIT), async (v) => {
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
      .flatMap(([t, item]) =>
        Object.entries(item as Record<string, { requestBody?: unknown }>).map(([m, op]) => ({
          template: t,
          method: m,
          xml: op.requestBody !== undefined && !JSON.stringify(op.requestBody).includes('json'),
          json: (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
            ?.content?.['application/json']?.schema,
        })),
      );
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
          // A valid body of the route's type, and valid values for its other path parameters.
          const [contentType, body] = route.xml
            ? ['application/xml', buildConsultNoteXml()]
            : ['application/json', JSON.stringify(route.json ? validExample(route.json) : {})];
          const res = await fake.app.request(
            route.template
              .replace('{id}', encodeURIComponent(id))
              .replaceAll(/\{[A-Za-z]+\}/g, 'valid-1'),
            {
              method: route.method.toUpperCase(),
              headers: {
                authorization: `Bearer ${FAKE_APP_TOKENS.coordinator}`,
                ...(isPost ? { 'content-type': contentType, 'idempotency-key': 'k-1' } : {}),
              },
              ...(isPost ? { body } : {}),
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
    expect(withQuery.map((r) => r.template).sort()).toEqual([
      ...ANALYTICS_VIEWS.map((view) => `/api/analytics/${view}`).sort(),
      '/api/directory/drift',
      '/api/directory/imports',
      '/api/referrals',
      '/api/tasks',
    ]);
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
          // A free-form id (a payer's, say) may take the marker as it is: then it is a filter
          // that matches nothing, answered without echoing it.
          const { pattern, maxLength } = param.schema as { pattern?: string; maxLength?: number };
          if (pattern && new RegExp(pattern).test(value) && value.length <= (maxLength ?? 1e9)) {
            expect(res.status).toBe(200);
            expect(await res.text()).not.toContain(marker);
            return;
          }
          const answer = await expectError(res, 422, marker);
          expect(answer.error.issues?.map((i) => i.path)).toEqual([param.name]);
        },
      ),
    );
    expect(fake.logged).toEqual([]);
  });
});
