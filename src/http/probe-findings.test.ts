import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeApp, FAKE_APP_TOKENS } from '../../test/support/fake-app.js';

/** The malformed requests a hostile probe sent, as examples beside the property-based tests. */

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
      body,
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
