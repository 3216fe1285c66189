import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type AuthEnv, bearerAuth } from './auth.js';
import { toHttpResponse } from './errors.js';

const TOKEN = 'coordinator-token-0001';

function app() {
  const a = new Hono<AuthEnv>();
  a.onError((e, c) => toHttpResponse(e, c, () => {}));
  a.use(bearerAuth([{ token: TOKEN, practiceId: 'p1', role: 'coordinator', name: 'cora' }]));
  a.get('/', (c) => c.json(c.get('principal')));
  return a;
}

const statusWith = async (authorization: string) =>
  (await app().request('/', { headers: { authorization } })).status;

describe('bearerAuth', () => {
  it.each([
    `Bearer ${TOKEN}`,
    `bearer ${TOKEN}`,
    `BEARER ${TOKEN}`,
    `bEaReR ${TOKEN}`,
    `Bearer   ${TOKEN}`,
  ])('takes the scheme in any case, then one or more spaces: %j', async (authorization) => {
    const res = await app().request('/', { headers: { authorization } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ practiceId: 'p1', role: 'coordinator', name: 'cora' });
  });

  it.each([
    '',
    TOKEN,
    'Bearer',
    `Bearer${TOKEN}`,
    `Basic ${TOKEN}`,
    `Bearer ${TOKEN} extra`,
    `Bearer ${TOKEN}x`,
    'Bearer nope-nope-nope-nope',
  ])('refuses %j with 401', async (authorization) => {
    expect(await statusWith(authorization)).toBe(401);
  });
});
