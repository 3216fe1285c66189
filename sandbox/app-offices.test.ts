import { afterEach, describe, expect, it } from 'vitest';
import { profileFor } from './offices/index.js';
import { json, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const START = new Date('2030-01-07T15:00:00.000Z');
/** Port 9 (discard) is never reached: these tests send nothing, they only plan. */
const make = (hl7 = true) => {
  sb = testSandbox(204, {
    now: () => START,
    ...(hl7 ? { hl7: { host: '127.0.0.1', port: 9 } } : {}),
  });
  return sb;
};

const packet = (referralId: string, npi: string, subject = 'Referral: retina') => ({
  referral_id: referralId,
  recipient: { npi, name: 'Dr. Ana Ruiz', channel: 'direct', address: 'r@direct.test' },
  subject,
  body: 'Please see this patient.',
});

async function send(s: TestSandbox, body: unknown, key: string) {
  const res = await s.call('POST', '/api/messages', { body, idempotencyKey: key });
  expect(res.status).toBe(201);
}
const offices = async (s: TestSandbox) => json(await s.call('GET', '/sandbox/offices'));

describe('simulated specialist offices (planning and controls)', () => {
  it('are off without hl7: a packet plans nothing', async () => {
    const s = make(false);
    await s.call('POST', '/api/referrals', { body: validReferral });
    await send(s, packet('ref-000001', '1234567893'), 'p-1');
    expect(await offices(s)).toEqual({ enabled: false, profiles: {}, data: [] });
    expect(await json(await s.call('POST', '/sandbox/offices/run-due'))).toEqual({ data: [] });
  });

  it('plan once per referral and office; the NPI hash picks the profile unless overridden', async () => {
    const s = make();
    await s.call('POST', '/api/referrals', { body: validReferral });
    const overridden = await s.call('POST', '/sandbox/offices/profile', {
      body: { npi: '1111111112', profile: 'silent' },
    });
    expect(await json(overridden)).toEqual({ npi: '1111111112', profile: 'silent' });
    await send(s, packet('ref-000001', '1234567893'), 'p-1');
    await send(s, packet('ref-000001', '1234567893'), 'p-1');
    await send(s, packet('ref-000001', '1234567893', 'Follow-up: any news?'), 'p-2');
    await send(s, packet('ref-000001', '1111111112'), 'p-3');
    const state = await offices(s);
    expect(state.enabled).toBe(true);
    expect(state.profiles).toEqual({ '1111111112': 'silent' });
    expect(state.data.map((p: { npi: string; profile: string }) => [p.npi, p.profile])).toEqual([
      ['1234567893', profileFor('1234567893', 'ref-000001')],
      ['1111111112', 'silent'],
    ]);
    expect(state.data[0]).toMatchObject({
      referral_id: 'ref-000001',
      office_name: 'Dr. Ana Ruiz',
      received_at: START.toISOString(),
      cancelled_at: null,
    });
  });

  it('lists planned steps, nothing sent before they are due', async () => {
    const s = make();
    await s.call('POST', '/sandbox/offices/profile', {
      body: { npi: '1234567893', profile: 'prompt' },
    });
    await s.call('POST', '/api/referrals', { body: validReferral });
    await send(s, packet('ref-000001', '1234567893'), 'p-1');
    const [plan] = (await offices(s)).data;
    expect(plan.steps).toHaveLength(4);
    expect(plan.steps[0]).toEqual({
      type: 'REF^I12',
      due_at: expect.any(String),
      appointment_at: null,
      control_id: expect.stringMatching(/^SBX[0-9A-F]{6}\d{8}$/),
      state: 'pending',
      attempts: 0,
      next_attempt_at: null,
      ack_code: null,
      last_error: null,
      acked_at: null,
    });
    expect(plan.steps[1].appointment_at).toEqual(expect.any(String));
    expect(await json(await s.call('POST', '/sandbox/offices/run-due'))).toEqual({ data: [] });
  });

  it('a "Cancelled:" message drops the plan of that office only', async () => {
    const s = make();
    for (const npi of ['1234567893', '1111111112']) {
      await s.call('POST', '/sandbox/offices/profile', { body: { npi, profile: 'prompt' } });
    }
    await s.call('POST', '/api/referrals', { body: validReferral });
    await send(s, packet('ref-000001', '1234567893'), 'p-1');
    await send(s, packet('ref-000001', '1111111112'), 'p-2');
    await send(s, packet('ref-000001', '1234567893', 'CANCELLED: withdrawn'), 'c-1');
    const [cancelled, other] = (await offices(s)).data;
    expect(cancelled.cancelled_at).toBe(START.toISOString());
    expect(new Set(cancelled.steps.map((x: { state: string }) => x.state))).toEqual(
      new Set(['cancelled']),
    );
    expect(other.cancelled_at).toBeNull();
    expect(new Set(other.steps.map((x: { state: string }) => x.state))).toEqual(
      new Set(['pending']),
    );
    const filtered = await json(await s.call('GET', '/sandbox/offices?referral_id=ref-000002'));
    expect(filtered.data).toEqual([]);
  });

  it.each([
    [{ npi: '123', profile: 'prompt' }, 'npi'],
    [{ npi: '1234567893', profile: 'rude' }, 'profile'],
    [{ npi: '1234567893' }, 'profile'],
  ])('refuses a profile override %j', async (body, path) => {
    const s = make();
    const res = await s.call('POST', '/sandbox/offices/profile', { body });
    expect(res.status).toBe(422);
    expect((await json(res)).error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
  });
});
