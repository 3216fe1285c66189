import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox;
beforeEach(async () => {
  sb = testSandbox();
  const res = await sb.call('POST', '/api/referrals', { body: validReferral });
  expect(res.status).toBe(201);
});
afterEach(async () => {
  await sb.close();
});

const PATH = '/api/patient-messages';
const message = {
  referral_id: 'ref-000001',
  patient_id: 'pat-0001',
  channel: 'sms',
  language: 'es',
  body: 'Su referido al especialista fue aprobado. Le llamaremos pronto.',
};

const post = (body: unknown, idempotencyKey?: string) =>
  sb.call('POST', PATH, { body, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) });
const listed = async (query = '') => (await json(await sb.call('GET', `${PATH}${query}`))).data;

describe('POST /api/patient-messages', () => {
  it('records the message once per Idempotency-Key and lists it by referral', async () => {
    const first = await post(message, 'pm-1');
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ id: 'pmsg-000001' });
    const stored = await listed();
    expect(stored).toEqual([
      {
        id: 'pmsg-000001',
        ...message,
        idempotency_key: 'pm-1',
        received_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);

    const other = await post({ ...message, channel: 'portal' }, 'pm-2');
    expect(await json(other)).toEqual({ id: 'pmsg-000002' });
    expect(await listed('?referral_id=ref-000001')).toHaveLength(2);
    expect(await listed('?referral_id=ref-000002')).toEqual([]);
  });

  it('treats a redelivery as a no-op answering the first id, even with a changed body', async () => {
    await post(message, 'pm-1');
    const again = await post(message, 'pm-1');
    expect(again.status).toBe(201);
    expect(await json(again)).toEqual({ id: 'pmsg-000001' });
    const changed = await post({ ...message, body: 'Another text' }, 'pm-1');
    expect(await json(changed)).toEqual({ id: 'pmsg-000001' });
    const stored = await listed();
    expect(stored).toHaveLength(1);
    expect(stored[0].body).toBe(message.body);
  });

  it('keeps its keys apart from specialist messages', async () => {
    const specialist = {
      referral_id: 'ref-000001',
      recipient: { npi: '1234567893', name: 'Dr. Retina', channel: 'direct', address: 'r@d.test' },
      subject: 'Referral',
      body: 'Please see this patient.',
    };
    const res = await sb.call('POST', '/api/messages', {
      body: specialist,
      idempotencyKey: 'shared',
    });
    expect(await json(res)).toEqual({ id: 'msg-000001' });
    expect(await json(await post(message, 'shared'))).toEqual({ id: 'pmsg-000001' });
    expect(await listed()).toHaveLength(1);
  });

  it('needs a valid Idempotency-Key', async () => {
    expect((await post(message)).status).toBe(400);
    expect((await post(message, 'has space')).status).toBe(400);
    expect(await listed()).toEqual([]);
  });

  it('404s an unknown referral or patient without echoing the id', async () => {
    const unknownReferral = await post({ ...message, referral_id: 'ref-SECRET' }, 'k-1');
    expect(unknownReferral.status).toBe(404);
    const referralText = await unknownReferral.text();
    expect(JSON.parse(referralText).error).toEqual({
      code: 'NOT_FOUND',
      message: 'Referral not found',
    });
    expect(referralText).not.toContain('SECRET');

    const unknownPatient = await post({ ...message, patient_id: 'pat-SECRET' }, 'k-2');
    expect(unknownPatient.status).toBe(404);
    const patientText = await unknownPatient.text();
    expect(JSON.parse(patientText).error.message).toBe('Patient not found');
    expect(patientText).not.toContain('SECRET');
    expect(await listed()).toEqual([]);
  });

  it("422s a patient who is not the referral's patient", async () => {
    const res = await post({ ...message, patient_id: 'pat-0002' }, 'k');
    expect(res.status).toBe(422);
    expect((await json(res)).error.issues).toEqual([
      { path: 'patient_id', code: 'mismatch', message: "not the referral's patient" },
    ]);
    expect(await listed()).toEqual([]);
  });

  it.each([
    ['an unknown field', { extra: 'SECRET' }, '(root)'],
    ['a missing patient_id', { patient_id: undefined }, 'patient_id'],
    ['an unknown channel', { channel: 'SECRET-fax' }, 'channel'],
    ['a region subtag', { language: 'es-SECRET' }, 'language'],
    ['an upper-case language', { language: 'ES' }, 'language'],
    ['an empty body', { body: '' }, 'body'],
    ['a blank body', { body: '   ' }, 'body'],
    ['a body over 2000 characters', { body: `SECRET${'x'.repeat(1995)}` }, 'body'],
  ])('422s %s without echoing values', async (_, patch, path) => {
    const res = await post({ ...message, ...patch }, 'k');
    expect(res.status).toBe(422);
    const text = await res.text();
    const error = JSON.parse(text).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(new Set(error.issues.map((i: { path: string }) => i.path))).toEqual(new Set([path]));
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('xxxx');
    expect(await listed()).toEqual([]);
  });

  it('accepts a body of exactly 2000 characters', async () => {
    expect((await post({ ...message, body: 'x'.repeat(2000) }, 'k')).status).toBe(201);
  });

  it('415s a non-JSON body and 400s invalid JSON', async () => {
    const text = await sb.call('POST', PATH, {
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
      idempotencyKey: 'k',
    });
    expect(text.status).toBe(415);
    expect((await sb.call('POST', PATH, { body: '{', idempotencyKey: 'k' })).status).toBe(400);
  });

  it('needs the API key to write or list', async () => {
    const res = await sb.call('POST', PATH, { body: message, idempotencyKey: 'k', auth: false });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('UNAUTHORIZED');
    const wrong = await sb.call('POST', PATH, {
      body: message,
      idempotencyKey: 'k',
      headers: { authorization: 'Bearer wrong' },
    });
    expect(wrong.status).toBe(401);
    expect((await sb.call('GET', PATH, { auth: false })).status).toBe(401);
    expect(await listed()).toEqual([]);
  });
});

describe('EHR faults on /api/patient-messages', () => {
  const setFault = (body: Record<string, unknown>) =>
    sb.call('POST', '/sandbox/faults', { body, auth: false });

  it('answers 503 while the EHR is down and records nothing; a redelivery then lands once', async () => {
    await setFault({ target: 'ehr', mode: 'down' });
    const down = await post(message, 'pm-1');
    expect(down.status).toBe(503);
    expect((await json(down)).error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await sb.call('GET', PATH)).status).toBe(503);
    await sb.call('POST', '/sandbox/reset-faults', { auth: false });
    expect(await listed()).toEqual([]);
    expect(await json(await post(message, 'pm-1'))).toEqual({ id: 'pmsg-000001' });
    expect(await json(await post(message, 'pm-1'))).toEqual({ id: 'pmsg-000001' });
    expect(await listed()).toHaveLength(1);
  });

  it('fail_count fails only the next delivery', async () => {
    await setFault({ target: 'ehr', mode: 'down', fail_count: 1 });
    expect((await post(message, 'pm-1')).status).toBe(503);
    expect((await post(message, 'pm-1')).status).toBe(201);
    expect(await listed()).toHaveLength(1);
  });

  it('slow delays the delivery', async () => {
    await setFault({ target: 'ehr', mode: 'slow', delay_ms: 120, fail_count: 1 });
    const started = performance.now();
    expect((await post(message, 'pm-1')).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});
