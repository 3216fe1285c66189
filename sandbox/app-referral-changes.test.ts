import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, SECRET, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox;
let clock: Date;
const at = (iso: string) => {
  clock = new Date(iso);
};
beforeEach(() => {
  clock = new Date('2030-01-07T15:00:00.000Z');
  sb = testSandbox(204, { now: () => clock });
});
afterEach(async () => {
  await sb.close();
});

async function createReferral() {
  const res = await sb.call('POST', '/api/referrals', { body: validReferral });
  expect(res.status).toBe(201);
  return json(res);
}
const get = async (id: string) => json(await sb.call('GET', `/api/referrals/${id}`));
const changed = (query: string) => sb.call('GET', `/api/referrals?${query}`);

describe('POST /api/referrals/{id}/cancel', () => {
  it('cancels, answers the referral and fires a signed referral.cancelled with the reason', async () => {
    await createReferral();
    await vi.waitFor(() => expect(sb.sent).toHaveLength(1));
    at('2030-01-08T09:30:00.000Z');
    const res = await sb.call('POST', '/api/referrals/ref-000001/cancel', {
      body: { reason: 'Patient moved out of state' },
    });
    expect(res.status).toBe(200);
    const referral = await json(res);
    expect(referral).toMatchObject({
      id: 'ref-000001',
      status: 'cancelled',
      cancelled_at: '2030-01-08T09:30:00.000Z',
      cancellation_reason: 'Patient moved out of state',
      updated_at: '2030-01-08T09:30:00.000Z',
      status_history: [],
    });
    expect(await get('ref-000001')).toEqual(referral);
    await vi.waitFor(() => expect(sb.sent).toHaveLength(2));
    const hook = sb.sent[1];
    // Signed at the sandbox's time; the verifier checks the stamp against its own clock.
    vi.useFakeTimers({ toFake: ['Date'], now: clock });
    const verified = new Webhook(SECRET).verify(hook?.body ?? '', hook?.headers ?? {});
    vi.useRealTimers();
    expect(hook?.headers?.['webhook-timestamp']).toBe(String(clock.getTime() / 1000));
    expect(verified).toEqual({
      type: 'referral.cancelled',
      timestamp: clock.toISOString(),
      data: {
        referral_id: 'ref-000001',
        practice_id: 'practice-demo',
        note: 'Patient moved out of state',
      },
    });
  });

  it('takes an empty body, then answers 409 to a second cancellation', async () => {
    await createReferral();
    const first = await sb.call('POST', '/api/referrals/ref-000001/cancel', {
      headers: { 'content-type': 'text/plain' },
    });
    expect(first.status).toBe(200);
    expect(await json(first)).toMatchObject({ status: 'cancelled', cancellation_reason: null });
    const again = await sb.call('POST', '/api/referrals/ref-000001/cancel', { body: {} });
    expect(again.status).toBe(409);
    expect((await json(again)).error.code).toBe('CONFLICT');
    expect(sb.webhooks.deliveries().map((d) => d.type)).toEqual([
      'referral.created',
      'referral.cancelled',
    ]);
    await vi.waitFor(() => expect(sb.sent).toHaveLength(2));
    expect(JSON.parse(sb.sent[1]?.body ?? '').data).toEqual({
      referral_id: 'ref-000001',
      practice_id: 'practice-demo',
    });
  });

  it('404s an unknown referral and 422s a blank reason or an unknown field, echoing nothing', async () => {
    expect((await sb.call('POST', '/api/referrals/ref-000404/cancel', { body: {} })).status).toBe(
      404,
    );
    await createReferral();
    for (const body of [{ reason: '   ' }, { reason: 'x'.repeat(2001) }, { why: 'SECRET' }]) {
      const res = await sb.call('POST', '/api/referrals/ref-000001/cancel', { body });
      expect(res.status).toBe(422);
      expect(await res.text()).not.toContain('SECRET');
    }
    const broken = await sb.call('POST', '/api/referrals/ref-000001/cancel', {
      body: '{"reason":',
    });
    expect(broken.status).toBe(400);
    expect((await get('ref-000001')).status).toBe('created');
  });

  it('is staff acting: the ehr fault does not touch it', async () => {
    await createReferral();
    await sb.call('POST', '/sandbox/faults', {
      body: { target: 'ehr', mode: 'down' },
      auth: false,
    });
    const res = await sb.call('POST', '/api/referrals/ref-000001/cancel', { body: {} });
    expect(res.status).toBe(200);
    expect((await sb.call('GET', '/api/referrals/ref-000001')).status).toBe(503);
    expect(
      (await sb.call('POST', '/api/referrals/ref-000001/cancel', { auth: false })).status,
    ).toBe(401);
  });
});

describe('GET /api/referrals?updated_since=', () => {
  it('moves updated_at on write-backs, specialist responses and cancellations', async () => {
    const created = await createReferral();
    expect(created.updated_at).toBe('2030-01-07T15:00:00.000Z');
    at('2030-01-07T16:00:00.000Z');
    await sb.call('POST', '/api/referrals/ref-000001/status', {
      body: { status: 'sent' },
      idempotencyKey: 'k-1',
    });
    expect((await get('ref-000001')).updated_at).toBe('2030-01-07T16:00:00.000Z');
    at('2030-01-07T17:00:00.000Z');
    await sb.call('POST', '/api/referrals/ref-000001/status', {
      body: { status: 'other' },
      idempotencyKey: 'k-1',
    });
    expect((await get('ref-000001')).updated_at).toBe('2030-01-07T16:00:00.000Z');
    await sb.call('POST', '/api/referrals/ref-000001/specialist-response', {
      body: { type: 'scheduled', note: 'Tue', appointment_at: '2030-01-15T14:00:00Z' },
    });
    const responded = await get('ref-000001');
    expect(responded.updated_at).toBe('2030-01-07T17:00:00.000Z');
    expect(responded.specialist_responses).toEqual([
      {
        type: 'scheduled',
        note: 'Tue',
        appointment_at: '2030-01-15T14:00:00Z',
        at: '2030-01-07T17:00:00.000Z',
      },
    ]);
    at('2030-01-07T18:00:00.000Z');
    await sb.call('POST', '/api/referrals/ref-000001/cancel', { body: {} });
    expect((await get('ref-000001')).updated_at).toBe('2030-01-07T18:00:00.000Z');
  });

  it('lists changes after the instant, oldest first; without the parameter lists all as before', async () => {
    await createReferral();
    at('2030-01-07T15:01:00.000Z');
    await createReferral();
    at('2030-01-07T15:02:00.000Z');
    await createReferral();
    at('2030-01-07T15:03:00.000Z');
    await sb.call('POST', '/api/referrals/ref-000001/status', {
      body: { status: 'sent' },
      idempotencyKey: 'k',
    });
    const ids = async (query: string) => {
      const res = await changed(query);
      expect(res.status).toBe(200);
      return (await json(res)).data.map((r: { id: string }) => r.id);
    };
    expect(await ids('updated_since=2030-01-07T15:00:00Z')).toEqual([
      'ref-000002',
      'ref-000003',
      'ref-000001',
    ]);
    expect(await ids('updated_since=2030-01-07T15:01:00.000Z')).toEqual([
      'ref-000003',
      'ref-000001',
    ]);
    expect(await ids('updated_since=2030-01-07T10:02:30-05:00')).toEqual(['ref-000001']);
    expect(await ids('updated_since=2030-01-07T15:03:00Z')).toEqual([]);
    const all = await json(await sb.call('GET', '/api/referrals'));
    expect(Object.keys(all)).toEqual(['data']);
    expect(all.data.map((r: { id: string }) => r.id)).toEqual([
      'ref-000001',
      'ref-000002',
      'ref-000003',
    ]);
  });

  it('pages by limit: next_cursor is the updated_since of the next page', async () => {
    for (let i = 0; i < 5; i++) await createReferral();
    const seen: string[] = [];
    let since = '2000-01-01T00:00:00Z';
    for (let page = 0; page < 5; page++) {
      const body = await json(await changed(`updated_since=${encodeURIComponent(since)}&limit=2`));
      seen.push(...body.data.map((r: { id: string }) => r.id));
      if (body.next_cursor === null) break;
      expect(body.next_cursor).toBe(body.data.at(-1).updated_at);
      since = body.next_cursor;
    }
    // The clock never moved: updated_at still differs by a millisecond, so no page loses a tie.
    expect(seen).toEqual(['ref-000001', 'ref-000002', 'ref-000003', 'ref-000004', 'ref-000005']);
    const last = await json(await changed('updated_since=2000-01-01T00:00:00Z&limit=5'));
    expect(last.next_cursor).toBeNull();
    const defaults = await json(await changed('updated_since=2000-01-01T00:00:00Z'));
    expect(defaults.data).toHaveLength(5);
  });

  it.each([
    ['updated_since=yesterday', 'updated_since'],
    ['updated_since=2030-01-07', 'updated_since'],
    ['updated_since=2030-01-07T15:00:00', 'updated_since'],
    ['updated_since=', 'updated_since'],
    ['updated_since=2030-01-07T15:00:00Z&limit=0', 'limit'],
    ['updated_since=2030-01-07T15:00:00Z&limit=501', 'limit'],
    ['updated_since=2030-01-07T15:00:00Z&limit=ten', 'limit'],
  ])('422s %s naming the parameter', async (query, path) => {
    const res = await changed(query);
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });
});
