import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, SECRET, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox;
beforeEach(async () => {
  sb = testSandbox();
  const res = await sb.call('POST', '/api/referrals', { body: validReferral });
  expect(res.status).toBe(201);
  await vi.waitFor(() => expect(sb.sent).toHaveLength(1));
});
afterEach(async () => {
  await sb.close();
});

const message = {
  referral_id: 'ref-000001',
  recipient: { npi: '1234567893', name: 'Dr. Retina', channel: 'direct', address: 'r@direct.test' },
  subject: 'Referral',
  body: 'Please see this patient.',
};
const task = { referral_id: 'ref-000001', title: 'Call the patient', detail: '' };

describe.each([
  ['/api/messages', message, 'msg-000001', 'msg-000002'],
  ['/api/tasks', task, 'task-000001', 'task-000002'],
])('%s', (path, body, firstId, secondId) => {
  it('records once per Idempotency-Key and lists with a referral filter', async () => {
    const first = await sb.call('POST', path, { body, idempotencyKey: 'out-1' });
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ id: firstId });
    const again = await sb.call('POST', path, { body, idempotencyKey: 'out-1' });
    expect(again.status).toBe(201);
    expect(await json(again)).toEqual({ id: firstId });
    const listed = await json(await sb.call('GET', path));
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({ id: firstId, ...body, idempotency_key: 'out-1' });
    const other = await sb.call('POST', path, { body, idempotencyKey: 'out-2' });
    expect(await json(other)).toEqual({ id: secondId });
    expect((await json(await sb.call('GET', `${path}?referral_id=ref-000001`))).data).toHaveLength(
      2,
    );
    expect((await json(await sb.call('GET', `${path}?referral_id=ref-000002`))).data).toHaveLength(
      0,
    );
  });

  it('needs an Idempotency-Key, a known referral and a valid body', async () => {
    expect((await sb.call('POST', path, { body })).status).toBe(400);
    const unknown = await sb.call('POST', path, {
      body: { ...body, referral_id: 'ref-SECRET' },
      idempotencyKey: 'k',
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).not.toContain('SECRET');
    const invalid = await sb.call('POST', path, {
      body: { ...body, extra: 'SECRET' },
      idempotencyKey: 'k',
    });
    expect(invalid.status).toBe(422);
    expect((await json(await sb.call('GET', path))).data).toHaveLength(0);
  });
});

it('refuses a message to an unknown channel or a malformed NPI', async () => {
  for (const recipient of [
    { ...message.recipient, channel: 'email' },
    { ...message.recipient, npi: '12345' },
  ]) {
    const res = await sb.call('POST', '/api/messages', {
      body: { ...message, recipient },
      idempotencyKey: `k-${recipient.npi}-${recipient.channel}`,
    });
    expect(res.status).toBe(422);
  }
});

describe('POST /api/referrals/{id}/specialist-response', () => {
  it('answers 202 and fires referral.<type> with note and appointment', async () => {
    const at = '2030-03-04T14:30:00-05:00';
    const res = await sb.call('POST', '/api/referrals/ref-000001/specialist-response', {
      body: { type: 'scheduled', note: 'Tuesday', appointment_at: at },
    });
    expect(res.status).toBe(202);
    const { webhook_id } = await json(res);
    await vi.waitFor(() => expect(sb.sent).toHaveLength(2));
    const hook = sb.sent[1];
    expect(hook?.headers['webhook-id']).toBe(webhook_id);
    expect(new Webhook(SECRET).verify(hook?.body ?? '', hook?.headers ?? {})).toMatchObject({
      type: 'referral.scheduled',
      data: {
        referral_id: 'ref-000001',
        practice_id: 'practice-demo',
        note: 'Tuesday',
        appointment_at: at,
      },
    });
  });

  it('omits absent note and appointment', async () => {
    await sb.call('POST', '/api/referrals/ref-000001/specialist-response', {
      body: { type: 'declined' },
    });
    await vi.waitFor(() => expect(sb.sent).toHaveLength(2));
    expect(JSON.parse(sb.sent[1]?.body ?? '').data).toEqual({
      referral_id: 'ref-000001',
      practice_id: 'practice-demo',
    });
  });

  it('404s an unknown referral and 422s an unknown type or a bad datetime', async () => {
    const path = '/api/referrals/ref-000001/specialist-response';
    expect(
      (
        await sb.call('POST', '/api/referrals/ref-9/specialist-response', {
          body: { type: 'declined' },
        })
      ).status,
    ).toBe(404);
    expect((await sb.call('POST', path, { body: { type: 'seen' } })).status).toBe(422);
    const badDate = { type: 'scheduled', appointment_at: 'next tuesday' };
    expect((await sb.call('POST', path, { body: badDate })).status).toBe(422);
    expect(sb.sent).toHaveLength(1);
  });
});
