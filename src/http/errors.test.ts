import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/index.js';
import { fromFrameworkError, HTTP_STATUS, toHttpResponse } from './errors.js';

/** An app whose only route throws `error`, answering through `toHttpResponse`. */
function throwing(error: unknown) {
  const logged: AppError[] = [];
  const app = new Hono();
  app.onError((e, c) => toHttpResponse(e, c, (appError) => logged.push(appError)));
  app.get('/', () => {
    throw error;
  });
  return { logged, answer: () => app.request('/') };
}

describe('HTTP errors', () => {
  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [415, 'UNSUPPORTED_MEDIA_TYPE'],
    [422, 'VALIDATION_FAILED'],
    [429, 'RATE_LIMITED'],
    [405, 'BAD_REQUEST'],
    [431, 'BAD_REQUEST'],
    [500, 'INTERNAL'],
    [503, 'UPSTREAM_UNAVAILABLE'],
  ] as const)("keeps the framework's %i as %s", async (status, code) => {
    const { logged, answer } = throwing(new HTTPException(status, { message: 'CANARY-4411' }));
    expect(fromFrameworkError(new HTTPException(status)).code).toBe(code);
    const res = await answer();
    const text = await res.text();
    expect(res.status).toBe(HTTP_STATUS[code]);
    expect(JSON.parse(text)).toMatchObject({ error: { code } });
    expect(text).not.toContain('CANARY-4411');
    // Only a 5xx is a server failure worth an error line.
    expect(logged.map((e) => e.code)).toEqual(HTTP_STATUS[code] >= 500 ? [code] : []);
  });

  it('answers a malformed JSON body (the validator) with 400, unlogged', async () => {
    const { logged, answer } = throwing(
      new HTTPException(400, { message: 'Malformed JSON in request body' }),
    );
    const res = await answer();
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(logged).toEqual([]);
  });

  it('answers a body the client stopped sending with 400, unlogged', async () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const { logged, answer } = throwing(aborted);
    expect((await answer()).status).toBe(400);
    expect(logged).toEqual([]);
  });

  it('never puts what an unexpected error says in the answer or the logged message', async () => {
    const { logged, answer } = throwing(new SyntaxError('Unexpected token "CANARY-9001"'));
    const res = await answer();
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toContain('CANARY-9001');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).not.toContain('CANARY-9001');
  });

  it('closes the connection after a 413, so the rest of the body is never drained', async () => {
    const res = await throwing(new AppError('PAYLOAD_TOO_LARGE', 'Too large')).answer();
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    const other = await throwing(new AppError('VALIDATION_FAILED', 'Invalid')).answer();
    expect(other.headers.get('connection')).toBeNull();
  });
});
