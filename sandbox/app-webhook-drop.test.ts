import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox;
beforeEach(() => {
  sb = testSandbox();
});
afterEach(async () => {
  await sb.close();
});

const drop = (body: unknown) => sb.call('POST', '/sandbox/webhooks/drop', { body, auth: false });
const armed = async () => json(await sb.call('GET', '/sandbox/webhooks/drop', { auth: false }));
const log = async () =>
  (await json(await sb.call('GET', '/sandbox/webhooks', { auth: false }))).data;
const createReferral = async () =>
  expect((await sb.call('POST', '/api/referrals', { body: validReferral })).status).toBe(201);
const respond = (type: string) =>
  sb.call('POST', '/api/referrals/ref-000001/specialist-response', { body: { type } });

describe('dropping webhooks on demand', () => {
  it('swallows the next N events: logged as dropped, never sent', async () => {
    expect(await armed()).toEqual({ remaining: 0, types: null });
    const res = await drop({ count: 2 });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ remaining: 2, types: null });
    await createReferral();
    await respond('acknowledged');
    expect(await armed()).toEqual({ remaining: 0, types: null });
    await respond('scheduled');
    // Deliveries start in order: had the dropped ones been sent, they would have come first.
    await vi.waitFor(() => expect(sb.sent).toHaveLength(1));
    expect(JSON.parse(sb.sent[0]?.body ?? '').type).toBe('referral.scheduled');
    expect(await log()).toEqual([
      expect.objectContaining({
        type: 'referral.created',
        attempts: 0,
        delivered: false,
        dropped: true,
      }),
      expect.objectContaining({ type: 'referral.acknowledged', delivered: false, dropped: true }),
      expect.objectContaining({ type: 'referral.scheduled', delivered: true, dropped: false }),
    ]);
  });

  it('with types, drops only events of those types', async () => {
    const res = await drop({ count: 1, types: ['referral.scheduled', 'referral.cancelled'] });
    expect(await json(res)).toEqual({
      remaining: 1,
      types: ['referral.scheduled', 'referral.cancelled'],
    });
    await createReferral();
    await respond('acknowledged');
    await respond('scheduled');
    await respond('scheduled');
    await vi.waitFor(() => expect(sb.sent).toHaveLength(3));
    expect(sb.sent.map((h) => JSON.parse(h.body).type)).toEqual([
      'referral.created',
      'referral.acknowledged',
      'referral.scheduled',
    ]);
    expect(
      (await log()).map((d: { type: string; dropped: boolean }) => [d.type, d.dropped]),
    ).toEqual([
      ['referral.created', false],
      ['referral.acknowledged', false],
      ['referral.scheduled', true],
      ['referral.scheduled', false],
    ]);
  });

  it('a new drop replaces the armed one; reset-faults disarms it', async () => {
    await drop({ count: 5 });
    await drop({ count: 3, types: ['referral.created'] });
    expect(await armed()).toEqual({ remaining: 3, types: ['referral.created'] });
    expect((await sb.call('POST', '/sandbox/reset-faults', { auth: false })).status).toBe(200);
    expect(await armed()).toEqual({ remaining: 0, types: null });
    await createReferral();
    await vi.waitFor(() => expect(sb.sent).toHaveLength(1));
  });

  it.each([
    [{ count: 0 }, 'count'],
    [{ count: 1001 }, 'count'],
    [{ count: 1.5 }, 'count'],
    [{}, 'count'],
    [{ count: 1, types: [] }, 'types'],
    [{ count: 1, types: ['Referral Created'] }, 'types.0'],
    [{ count: 1, extra: true }, '(root)'],
  ])('refuses %j', async (body, path) => {
    const res = await drop(body);
    expect(res.status).toBe(422);
    expect((await json(res)).error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
    expect(await armed()).toEqual({ remaining: 0, types: null });
  });
});
