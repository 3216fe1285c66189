import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeApp, signedWebhookHeaders } from '../../../test/support/fake-app.js';
import { isJsonContentType } from '../media-type.js';

const event = JSON.stringify({
  type: 'referral.created',
  timestamp: '2026-01-05T10:00:00Z',
  data: { referral_id: 'ref-1', practice_id: 'practice-test' },
});

describe('POST /webhooks/ehr content type', () => {
  let fake: Awaited<ReturnType<typeof createFakeApp>>;
  let ids = 0;
  beforeAll(async () => {
    fake = await createFakeApp();
  });
  afterAll(() => fake.close());

  /** A correctly signed event sent with `contentType` (none when undefined). */
  const send = (contentType: string | undefined) =>
    fake.app.request('/webhooks/ehr', {
      method: 'POST',
      headers: {
        ...signedWebhookHeaders(event, `evt_${++ids}`),
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
      },
      body: new TextEncoder().encode(event),
    });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON;CHARSET=UTF-8',
    'application/json ;  charset = "utf-8"',
  ])('accepts %j', async (contentType) => {
    expect((await send(contentType)).status).toBe(202);
  });

  it.each([
    undefined,
    'application/jsonp',
    'application/json-seq',
    'application/json5',
    'application/vnd.api+json',
    'application/json; charset=latin1',
    'application/json; charset=utf-8; q=1',
    'text/plain',
    'text/json',
  ])('refuses %j with 415 before verifying or recording anything', async (contentType) => {
    const res = await send(contentType);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('decides every content type as the one shared parser does', async () => {
    const types = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ maxLength: 12 }).map((suffix) => `application/json${suffix}`),
      fc.constantFrom('application/json', 'Application/Json', 'application/json; charset=UTF-8'),
    );
    await fc.assert(
      fc.asyncProperty(types, async (contentType) => {
        const res = await send(contentType);
        expect(res.status).toBe(isJsonContentType(contentType) ? 202 : 415);
      }),
    );
    expect(fake.logged).toEqual([]);
  });
});
