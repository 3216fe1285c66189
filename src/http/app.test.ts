import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../test/fakes/graph-harness.js';
import { hl7IntakeFor } from '../../test/support/hl7-intake.js';
import { consultNoteReader } from '../adapters/hl7/index.js';
import { createWebhookVerifier } from '../adapters/webhooks/index.js';
import { createApp } from './app.js';

const SECRET = 'whsec_dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LTEyMzQ1';
const TOKEN = 'coordinator-token-0001';

async function setup() {
  const h = await createGraphHarness();
  let nudges = 0;
  const matched: Array<{ planId: string; practiceId: string }> = [];
  const app = createApp({
    store: h.store,
    runner: h.runner,
    clock: h.clock,
    hl7: hl7IntakeFor(h).http,
    ccda: consultNoteReader,
    grants: [{ token: TOKEN, practiceId: 'practice-test', role: 'coordinator', name: 'cora' }],
    verifyWebhook: createWebhookVerifier({ secret: SECRET, practiceId: 'practice-test' }),
    maxWebhookBytes: 1024,
    maxApiBytes: 64 * 1024,
    onWebhookAccepted: () => {
      nudges++;
    },
    health: async () => ({ store: 'sqlite' }),
    match: async (request, practiceId) => {
      matched.push({ planId: request.patient.planId, practiceId });
      return {
        status: 'exception',
        specialty: {
          specialties: [],
          confidence: 'none',
          source: 'none',
          evidence: '-',
          urgentCondition: null,
        },
        candidates: [],
      };
    },
    logError: () => {},
  });
  return { h, app, nudges: () => nudges, matched };
}

function signed(body: string, id = 'evt_1', secret = SECRET) {
  // One instant for both: signed and sent timestamps that straddle a second would not verify.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(at.getTime() / 1000),
    'webhook-signature': signature,
  };
}

const event = (referralId = 'ref-1') =>
  JSON.stringify({
    type: 'referral.created',
    timestamp: new Date().toISOString(),
    data: { referral_id: referralId, practice_id: 'practice-test' },
  });

describe('http app', () => {
  it('serves health, an OpenAPI 3.1 document and a rendered reference', async () => {
    const { app, h } = await setup();
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok', store: 'sqlite' });
    const doc = (await (await app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/webhooks/ehr',
        '/api/referrals',
        '/api/referrals/{id}',
        '/api/referrals/{id}/review',
        '/api/tasks',
        '/api/tasks/{id}/complete',
        '/api/referrals/{id}/documents',
        '/api/referrals/{id}/documents/{documentId}',
      ]),
    );
    const page = await app.request('/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/api/referrals/{id}/review');
    await h.close();
  });

  it('records a signed event once, and answers a replay identically', async () => {
    const { app, h, nudges } = await setup();
    const body = event();
    const first = await app.request('/webhooks/ehr', {
      method: 'POST',
      headers: signed(body),
      body,
    });
    const again = await app.request('/webhooks/ehr', {
      method: 'POST',
      headers: signed(body),
      body,
    });
    expect(first.status).toBe(202);
    expect(await again.json()).toEqual(await first.json());
    expect(await h.store.inbox.pending(10)).toHaveLength(1);
    expect(nudges()).toBe(2);
    await h.close();
  });

  it('refuses a wrong signature with 401 and records nothing', async () => {
    const { app, h } = await setup();
    const body = event();
    const res = await app.request('/webhooks/ehr', {
      method: 'POST',
      headers: signed(body, 'evt_2', 'whsec_b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC0xMjM0'),
      body,
    });
    expect(res.status).toBe(401);
    expect(await h.store.inbox.pending(10)).toEqual([]);
    await h.close();
  });

  it('rejects a malformed event with field paths and without echoing it', async () => {
    const { app, h } = await setup();
    const body = JSON.stringify({ type: 'referral.created', timestamp: 'CANARY-7731', data: {} });
    const res = await app.request('/webhooks/ehr', { method: 'POST', headers: signed(body), body });
    const text = await res.text();
    expect(res.status).toBe(422);
    expect(text).not.toContain('CANARY-7731');
    expect(JSON.parse(text).error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['timestamp', 'data.referral_id']),
    );
    const big = JSON.stringify({ pad: 'x'.repeat(2000) });
    expect(
      (await app.request('/webhooks/ehr', { method: 'POST', headers: signed(big), body: big }))
        .status,
    ).toBe(413);
    await h.close();
  });

  it('needs a valid bearer token, and answers unknown routes with a JSON 404', async () => {
    const { app, h } = await setup();
    expect((await app.request('/api/referrals')).status).toBe(401);
    expect(
      (
        await app.request('/api/referrals', {
          headers: { authorization: 'Bearer nope-nope-nope-nope' },
        })
      ).status,
    ).toBe(401);
    const ok = await app.request('/api/referrals', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await ok.json()).toEqual({ data: [] });
    const missing = await app.request('/nowhere');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await h.close();
  });

  it("runs an ad hoc match for the caller's practice, and validates the request first", async () => {
    const { app, h, matched } = await setup();
    const post = (body: unknown) =>
      app.request('/api/match', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await post({
      reason: 'NPDR',
      diagnosisCodes: ['E11.3293'],
      patient: { lat: 41.8, lon: -71.4, planId: 'p1' },
    });
    expect(ok.status).toBe(200);
    expect(matched).toEqual([{ planId: 'p1', practiceId: 'practice-test' }]);
    const bad = await post({
      reason: 'x',
      patient: { lat: 200, lon: 0, planId: 'p1', ssn: 'CANARY-1' },
    });
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).not.toContain('CANARY-1');
    expect(JSON.parse(text).error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['patient.lat', 'patient']),
    );
    await h.close();
  });
});
