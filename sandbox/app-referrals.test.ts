import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, SECRET, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox;
beforeEach(() => {
  sb = testSandbox();
});
afterEach(async () => {
  await sb.close();
});

async function createReferral(body: Record<string, unknown> = validReferral) {
  const res = await sb.call('POST', '/api/referrals', { body });
  expect(res.status).toBe(201);
  return json(res);
}

describe('POST /api/referrals', () => {
  it('creates a referral, answers 201 and fires a signed referral.created webhook', async () => {
    const referral = await createReferral();
    expect(referral).toEqual({
      id: 'ref-000001',
      practice_id: 'practice-demo',
      patient_id: 'pat-0001',
      referring_provider_id: 'prov-01',
      reason: validReferral.reason,
      diagnosis_codes: validReferral.diagnosis_codes,
      specialty: 'retina',
      urgency: 'urgent',
      preferred_radius_km: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      updated_at: referral.created_at,
      status: 'created',
      status_history: [],
      specialist_responses: [],
      cancelled_at: null,
      cancellation_reason: null,
    });
    await vi.waitFor(() => expect(sb.sent).toHaveLength(1));
    const [hook] = sb.sent;
    expect(hook?.url).toBe('http://receiver.test/webhooks/ehr');
    expect(hook?.headers['content-type']).toBe('application/json');
    expect(hook?.headers['webhook-id']).toMatch(/^evt_[0-9a-f]{24}$/);
    const payload = new Webhook(SECRET).verify(hook?.body ?? '', hook?.headers ?? {});
    expect(payload).toEqual({
      type: 'referral.created',
      timestamp: expect.any(String),
      data: { referral_id: 'ref-000001', practice_id: 'practice-demo' },
    });
    const log = await json(await sb.call('GET', '/sandbox/webhooks'));
    expect(log.data).toEqual([
      {
        webhook_id: hook?.headers['webhook-id'],
        type: 'referral.created',
        referral_id: 'ref-000001',
        attempts: 1,
        delivered: true,
        last_status: 204,
        last_error: null,
        dropped: false,
      },
    ]);
  });

  it('defaults urgency to routine and specialty to null; ids count up; list and get agree', async () => {
    const { specialty: _s, urgency: _u, ...minimal } = validReferral;
    const first = await createReferral({
      ...minimal,
      diagnosis_codes: [],
      preferred_radius_km: 25,
    });
    expect(first).toMatchObject({
      urgency: 'routine',
      specialty: null,
      diagnosis_codes: [],
      preferred_radius_km: 25,
    });
    const second = await createReferral({
      ...validReferral,
      diagnosis_codes: ['H40.1131', 'H2511'],
    });
    expect(second.id).toBe('ref-000002');
    expect((await json(await sb.call('GET', '/api/referrals'))).data).toEqual([first, second]);
    expect(await json(await sb.call('GET', '/api/referrals/ref-000002'))).toEqual(second);
    expect((await sb.call('GET', '/api/referrals/ref-999999')).status).toBe(404);
  });

  it('refuses unknown patient and provider with an issue on each field', async () => {
    const res = await sb.call('POST', '/api/referrals', {
      body: { ...validReferral, patient_id: 'pat-SECRET', referring_provider_id: 'prov-SECRET' },
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain('SECRET');
    const { error } = JSON.parse(text);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([
      { path: 'patient_id', code: 'not_found', message: expect.any(String) },
      { path: 'referring_provider_id', code: 'not_found', message: expect.any(String) },
    ]);
    expect(sb.world.referrals.size).toBe(0);
  });

  it.each([
    ['a bad ICD-10 code', { diagnosis_codes: ['H35.31', 'SECRET'] }, 'diagnosis_codes.1'],
    ['a U-chapter code', { diagnosis_codes: ['U07.1'] }, 'diagnosis_codes.0'],
    ['a lower-case code', { diagnosis_codes: ['h35.31'] }, 'diagnosis_codes.0'],
    ['21 codes', { diagnosis_codes: Array(21).fill('H35.31') }, 'diagnosis_codes'],
    ['an empty reason', { reason: '' }, 'reason'],
    ['a blank reason', { reason: '   ' }, 'reason'],
    ['a 4001-char reason', { reason: `SECRET${'x'.repeat(3995)}` }, 'reason'],
    ['an unknown urgency', { urgency: 'SECRET' }, 'urgency'],
    ['a negative radius', { preferred_radius_km: -5 }, 'preferred_radius_km'],
    ['a camelCase field', { patientId: 'pat-0001' }, '(root)'],
    ['no diagnosis_codes', { diagnosis_codes: undefined }, 'diagnosis_codes'],
  ])('refuses %s with 422, naming the field, echoing nothing', async (_, patch, path) => {
    const res = await sb.call('POST', '/api/referrals', { body: { ...validReferral, ...patch } });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain('SECRET');
    const paths = JSON.parse(text).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain(path);
    expect(sb.world.referrals.size).toBe(0);
    expect(sb.sent).toHaveLength(0);
  });

  it('accepts a 4000-char reason and 20 codes', async () => {
    await createReferral({
      ...validReferral,
      reason: 'x'.repeat(4000),
      diagnosis_codes: Array(20).fill('E11.3293'),
    });
  });
});

describe('POST /api/referrals/{id}/status', () => {
  it('records a write-back once per Idempotency-Key', async () => {
    await createReferral();
    const write = (key: string, status: string) =>
      sb.call('POST', '/api/referrals/ref-000001/status', {
        body: { status, note: 'matched' },
        idempotencyKey: key,
      });
    const first = await write('k-1', 'search_initiated');
    expect(first.status).toBe(200);
    const body = await json(first);
    expect(body).toEqual({
      id: 'wb-000001',
      referral_id: 'ref-000001',
      status: 'search_initiated',
    });
    const again = await write('k-1', 'pending_review');
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(body);
    let referral = await json(await sb.call('GET', '/api/referrals/ref-000001'));
    expect(referral.status).toBe('search_initiated');
    expect(referral.status_history).toEqual([
      {
        status: 'search_initiated',
        note: 'matched',
        at: expect.any(String),
        idempotency_key: 'k-1',
      },
    ]);
    expect((await json(await write('k-2', 'pending_review'))).id).toBe('wb-000002');
    referral = await json(await sb.call('GET', '/api/referrals/ref-000001'));
    expect(referral.status).toBe('pending_review');
    expect(referral.status_history).toHaveLength(2);
  });

  it('needs an Idempotency-Key (400), a known referral (404) and a valid body (422)', async () => {
    await createReferral();
    const path = '/api/referrals/ref-000001/status';
    const noKey = await sb.call('POST', path, { body: { status: 'sent' } });
    expect(noKey.status).toBe(400);
    expect((await json(noKey)).error.code).toBe('BAD_REQUEST');
    const unknown = await sb.call('POST', '/api/referrals/ref-000404/status', {
      body: { status: 'sent' },
      idempotencyKey: 'k',
    });
    expect(unknown.status).toBe(404);
    const invalid = await sb.call('POST', path, { body: { note: 'x' }, idempotencyKey: 'k' });
    expect(invalid.status).toBe(422);
    const referral = await json(await sb.call('GET', '/api/referrals/ref-000001'));
    expect(referral.status_history).toHaveLength(0);
  });
});
