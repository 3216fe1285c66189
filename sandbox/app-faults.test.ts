import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox;
beforeEach(() => {
  sb = testSandbox();
});
afterEach(async () => {
  await sb.close();
});

const setFault = async (body: Record<string, unknown>) => {
  const res = await sb.call('POST', '/sandbox/faults', { body, auth: false });
  expect(res.status).toBe(200);
  return json(res);
};
const payerPath = '/payer/plans/medicare-b/network-status';

describe('fault injection', () => {
  it('ehr down: integration routes 503, staff/specialist actions, payer and health unaffected', async () => {
    const faults = await setFault({ target: 'ehr', mode: 'down' });
    expect(faults).toEqual({
      ehr: { mode: 'down', delay_ms: 0, fail_count: null },
      payer: { mode: 'ok', delay_ms: 0, fail_count: null },
    });
    for (const path of ['/api/patients', '/api/patients/pat-0001/insurance', '/api/providers']) {
      const res = await sb.call('GET', path);
      expect(res.status, path).toBe(503);
      expect((await json(res)).error.code).toBe('UPSTREAM_UNAVAILABLE');
    }
    const created = await sb.call('POST', '/api/referrals', { body: validReferral });
    expect(created.status).toBe(201);
    const responded = await sb.call('POST', '/api/referrals/ref-000001/specialist-response', {
      body: { type: 'acknowledged' },
    });
    expect(responded.status).toBe(202);
    const writeBack = await sb.call('POST', '/api/referrals/ref-000001/status', {
      body: { status: 'sent' },
      idempotencyKey: 'k',
    });
    expect(writeBack.status).toBe(503);
    expect((await sb.call('GET', '/api/referrals/ref-000001')).status).toBe(503);
    expect((await sb.call('GET', payerPath)).status).toBe(200);
    expect((await sb.call('GET', '/health')).status).toBe(200);
    await sb.call('POST', '/sandbox/reset-faults', { auth: false });
    expect((await sb.call('GET', '/api/patients')).status).toBe(200);
    const referral = await json(await sb.call('GET', '/api/referrals/ref-000001'));
    expect(referral.status_history).toHaveLength(0);
  });

  it('payer down leaves the EHR up', async () => {
    await setFault({ target: 'payer', mode: 'down' });
    expect((await sb.call('GET', payerPath)).status).toBe(503);
    expect((await sb.call('GET', '/api/patients/pat-0001')).status).toBe(200);
  });

  it('fail_count fails only the next N affected requests, then clears itself', async () => {
    await setFault({ target: 'ehr', mode: 'down', fail_count: 2 });
    // Unauthenticated and exempt requests do not use up the count.
    expect((await sb.call('GET', '/api/patients', { auth: false })).status).toBe(401);
    expect((await sb.call('POST', '/api/referrals', { body: validReferral })).status).toBe(201);
    expect((await sb.call('GET', '/api/patients')).status).toBe(503);
    expect((await sb.call('GET', '/api/providers')).status).toBe(503);
    expect((await sb.call('GET', '/api/patients')).status).toBe(200);
    const state = await json(await sb.call('GET', '/sandbox/faults', { auth: false }));
    expect(state.ehr).toEqual({ mode: 'ok', delay_ms: 0, fail_count: null });
  });

  it('slow delays affected routes only', async () => {
    await setFault({ target: 'payer', mode: 'slow', delay_ms: 150 });
    let started = performance.now();
    expect((await sb.call('GET', payerPath)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    started = performance.now();
    expect((await sb.call('GET', '/api/patients')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('slow with fail_count slows only the next request', async () => {
    await setFault({ target: 'ehr', mode: 'slow', delay_ms: 120, fail_count: 1 });
    let started = performance.now();
    await sb.call('GET', '/api/providers');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    started = performance.now();
    await sb.call('GET', '/api/providers');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('close() releases a request held by a slow fault', async () => {
    await setFault({ target: 'ehr', mode: 'slow', delay_ms: 60_000 });
    const started = performance.now();
    const pending = sb.call('GET', '/api/providers');
    await new Promise((r) => setTimeout(r, 20));
    await sb.close();
    expect((await pending).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([
    [{ target: 'database', mode: 'down' }, 'target'],
    [{ target: 'ehr', mode: 'broken' }, 'mode'],
    [{ target: 'ehr', mode: 'slow', delay_ms: -1 }, 'delay_ms'],
    [{ target: 'ehr', mode: 'down', fail_count: 0 }, 'fail_count'],
  ])('refuses an invalid fault %j', async (body, path) => {
    const res = await sb.call('POST', '/sandbox/faults', { body, auth: false });
    expect(res.status).toBe(422);
    expect((await json(res)).error.issues.map((i: { path: string }) => i.path)).toEqual([path]);
    const state = await json(await sb.call('GET', '/sandbox/faults', { auth: false }));
    expect(state.ehr.mode).toBe('ok');
  });
});
