import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SandboxAppOptions } from '../options.js';
import { startSandbox } from '../server.js';
import {
  API_KEY,
  json,
  SECRET,
  type TestSandbox,
  testSandbox,
  validReferral,
} from '../test-client.js';
import type { OfficeProfile } from './model.js';
import { DECLINE_REASONS } from './plan.js';

type Answer = 'AA' | 'AE' | 'AR' | 'drop' | 'silent';

/** A tiny MLLP listener: records every frame and answers `answer(n)` to the n-th. */
async function startMllpServer(answer: (n: number) => Answer = () => 'AA') {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let end = buffer.indexOf('\x1c\r'); end !== -1; end = buffer.indexOf('\x1c\r')) {
        const message = buffer.subarray(buffer.indexOf(0x0b) + 1, end).toString('utf8');
        buffer = buffer.subarray(end + 2);
        received.push(message);
        const reply = answer(received.length);
        if (reply === 'drop') return void socket.destroy();
        if (reply === 'silent') return;
        const ack = `MSH|^~\\&|REFERRALS|practice-demo|||20300101000000||ACK|ack-${received.length}|P|2.8\rMSA|${reply}|${hl7(message, 'MSH', 10)}`;
        socket.write(`\x0b${ack}\x1c\r`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Field `n` of the first `name` segment (MSH counted as HL7 does: MSH-1 is the separator). */
function hl7(message: string, name: string, n: number): string {
  const fields = message
    .split('\r')
    .map((s) => s.split('|'))
    .find((f) => f[0] === name);
  if (!fields) return '';
  return fields[name === 'MSH' ? n - 1 : n] ?? '';
}
const first = (value: string) => value.split('^')[0];
const typeOf = (message: string) => hl7(message, 'MSH', 9).split('^').slice(0, 2).join('^');

const NPI = '1234567893';
const START = new Date('2030-01-07T15:00:00.000Z');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(answer?: (n: number) => Answer, offices: SandboxAppOptions['offices'] = {}) {
  const mllp = await startMllpServer(answer);
  cleanups.push(mllp.close);
  let clock = START;
  const sb: TestSandbox = testSandbox(204, {
    now: () => clock,
    hl7: { host: '127.0.0.1', port: mllp.port },
    offices: { retryDelaysMs: [60_000, 60_000], ackTimeoutMs: 5000, ...offices },
  });
  cleanups.push(() => sb.close());
  const runDueAt = async (at: Date | string) => {
    clock = new Date(at);
    const res = await sb.call('POST', '/sandbox/offices/run-due', { auth: false });
    expect(res.status).toBe(200);
    return (await json(res)).data;
  };
  return { mllp, sb, runDueAt };
}

async function referAndDeliver(sb: TestSandbox, profile: OfficeProfile, npi = NPI) {
  const profiled = await sb.call('POST', '/sandbox/offices/profile', {
    body: { npi, profile },
    auth: false,
  });
  expect(profiled.status).toBe(200);
  const referral = await json(await sb.call('POST', '/api/referrals', { body: validReferral }));
  const sent = await sb.call('POST', '/api/messages', {
    body: {
      referral_id: referral.id,
      recipient: { npi, name: 'Dr. Ana Ruiz, MD', channel: 'direct', address: 'ruiz@direct.test' },
      subject: 'Referral: suspected wet AMD',
      body: 'Please see this patient.',
    },
    idempotencyKey: `packet-${referral.id}-${npi}`,
  });
  expect(sent.status).toBe(201);
  const offices = await json(await sb.call('GET', `/sandbox/offices?referral_id=${referral.id}`));
  const plan = offices.data.find((p: { npi: string }) => p.npi === npi);
  return { referralId: referral.id as string, plan };
}

const EXPECTED: [OfficeProfile, string[]][] = [
  ['prompt', ['REF^I12', 'SIU^S12', 'ADT^A04', 'MDM^T02']],
  ['slow', ['REF^I12', 'SIU^S12', 'SIU^S13', 'ADT^A04', 'MDM^T02']],
  ['declines', ['REF^I12']],
  ['no_shows', ['REF^I12', 'SIU^S12', 'SIU^S26']],
  ['silent', []],
];

describe('specialist offices over MLLP', () => {
  it.each(EXPECTED)(
    '%s: sends %j, each when due, about the right referral',
    async (profile, types) => {
      const { mllp, sb, runDueAt } = await setup();
      const { referralId, plan } = await referAndDeliver(sb, profile);
      expect(plan).toMatchObject({ profile, npi: NPI, office_name: 'Dr. Ana Ruiz, MD' });
      expect(plan.steps.map((s: { type: string }) => s.type)).toEqual(types);

      for (const step of plan.steps) {
        expect(await runDueAt(new Date(Date.parse(step.due_at) - 1))).toEqual([]);
        expect(await runDueAt(step.due_at)).toEqual([
          expect.objectContaining({
            referral_id: referralId,
            type: step.type,
            control_id: step.control_id,
            outcome: 'acked',
            ack_code: 'AA',
          }),
        ]);
      }
      expect(await runDueAt('2031-01-01T00:00:00Z')).toEqual([]);

      const messages = mllp.received;
      expect(messages.map(typeOf)).toEqual(types);
      expect(new Set(messages.map((m) => hl7(m, 'MSH', 10))).size).toBe(types.length);
      const mrn = sb.world.patients.get('pat-0001')?.mrn;
      for (const m of messages) {
        expect(hl7(m, 'MSH', 4)).toBe(`NPI${NPI}`);
        expect(hl7(m, 'MSH', 5)).toBe('REFERRALS');
        expect(hl7(m, 'MSH', 6)).toBe('practice-demo');
        expect(hl7(m, 'MSH', 12)).toBe('2.8');
        expect(hl7(m, 'PID', 3)).toBe(`${mrn}^^^SANDBOX^MR`);
        const type = typeOf(m);
        if (type === 'REF^I12') {
          expect(hl7(m, 'RF1', 6)).toBe(referralId);
          expect(first(hl7(m, 'PRD', 7))).toBe(NPI);
        }
        if (type.startsWith('SIU')) {
          expect(hl7(m, 'SCH', 26)).toBe(referralId);
          expect(first(hl7(m, 'AIP', 3))).toBe(NPI);
          expect(hl7(m, 'AIS', 4)).toMatch(/^\d{12}$/);
        }
        if (type === 'ADT^A04') expect(first(hl7(m, 'PV1', 7))).toBe(NPI);
        if (type === 'MDM^T02') {
          expect(hl7(m, 'TXA', 14)).toBe(referralId);
          expect(first(hl7(m, 'TXA', 5))).toBe(NPI);
          const [, kind, subtype, encoding, data] = hl7(m, 'OBX', 5).split('^');
          expect([kind, subtype, encoding]).toEqual(['text', 'XML', 'Base64']);
          const xml = Buffer.from(data ?? '', 'base64').toString('utf8');
          expect(XMLValidator.validate(xml)).toBe(true);
          expect(xml).toContain(`extension="${referralId}"`);
          expect(xml).toContain(`extension="${NPI}"`);
        }
      }
      if (profile === 'declines') {
        expect(hl7(messages[0] ?? '', 'RF1', 1)).toBe('R');
        expect(DECLINE_REASONS).toContain(hl7(messages[0] ?? '', 'RF1', 10));
      } else if (types.length > 0) {
        expect(hl7(messages[0] ?? '', 'RF1', 1)).toBe('A');
      }
      if (profile === 'no_shows') {
        expect(hl7(messages[2] ?? '', 'SCH', 25)).toBe('Noshow');
        expect(hl7(messages[2] ?? '', 'AIS', 4)).toBe(hl7(messages[1] ?? '', 'AIS', 4));
      }
      if (profile === 'slow') {
        expect(hl7(messages[2] ?? '', 'AIS', 4)).not.toBe(hl7(messages[1] ?? '', 'AIS', 4));
        expect(hl7(messages[2] ?? '', 'SCH', 1)).toBe(hl7(messages[1] ?? '', 'SCH', 1));
      }
      const after = await json(await sb.call('GET', `/sandbox/offices?referral_id=${referralId}`));
      expect(after.data[0].steps.map((s: { state: string }) => s.state)).toEqual(
        types.map(() => 'acked'),
      );
    },
  );

  it.each<[string, Answer, string | null]>([
    ['an AE', 'AE', null],
    ['a dropped connection', 'drop', 'connection closed before the ACK'],
    ['no ACK in time', 'silent', 'no ACK in time'],
  ])(
    'retries after %s, on the office clock, resending the same message',
    async (_, fault, error) => {
      const { mllp, sb, runDueAt } = await setup((n) => (n === 1 ? fault : 'AA'), {
        ackTimeoutMs: 200,
      });
      const { plan } = await referAndDeliver(sb, 'prompt');
      const [ack] = plan.steps;
      const failed = await runDueAt(ack.due_at);
      expect(failed).toEqual([
        expect.objectContaining({
          outcome: 'retrying',
          ack_code: fault === 'AE' ? 'AE' : null,
          error,
        }),
      ]);
      const office = await json(await sb.call('GET', '/sandbox/offices'));
      const retryAt = new Date(Date.parse(ack.due_at) + 60_000).toISOString();
      expect(office.data[0].steps[0]).toMatchObject({
        state: 'pending',
        attempts: 1,
        next_attempt_at: retryAt,
      });
      expect(await runDueAt(new Date(Date.parse(retryAt) - 1))).toEqual([]);
      expect(await runDueAt(retryAt)).toEqual([
        expect.objectContaining({ control_id: ack.control_id, outcome: 'acked', ack_code: 'AA' }),
      ]);
      expect(mllp.received).toHaveLength(2);
      expect(mllp.received[1]).toBe(mllp.received[0]);
    },
  );

  it('keeps a referral in order: a later step waits for the retried one', async () => {
    const { mllp, sb, runDueAt } = await setup((n) => (n === 1 ? 'AE' : 'AA'));
    const { plan } = await referAndDeliver(sb, 'prompt');
    await runDueAt(plan.steps[0].due_at);
    const sent = await runDueAt(plan.steps[1].due_at);
    expect(sent.map((s: { type: string; outcome: string }) => [s.type, s.outcome])).toEqual([
      ['REF^I12', 'acked'],
      ['SIU^S12', 'acked'],
    ]);
    expect(mllp.received.map(typeOf)).toEqual(['REF^I12', 'REF^I12', 'SIU^S12']);
  });

  it('gives a message up after its retries or at once on AR, and goes on with the next', async () => {
    const { mllp, sb, runDueAt } = await setup((n) => (n <= 2 ? 'AE' : n === 3 ? 'AR' : 'AA'), {
      retryDelaysMs: [60_000],
    });
    const { plan } = await referAndDeliver(sb, 'prompt');
    const [ack, book, visit] = plan.steps;
    await runDueAt(ack.due_at);
    expect(await runDueAt(new Date(Date.parse(ack.due_at) + 60_000))).toEqual([
      expect.objectContaining({ type: 'REF^I12', outcome: 'failed', ack_code: 'AE' }),
    ]);
    expect(await runDueAt(book.due_at)).toEqual([
      expect.objectContaining({ type: 'SIU^S12', outcome: 'failed', ack_code: 'AR' }),
    ]);
    expect(await runDueAt(visit.due_at)).toEqual([
      expect.objectContaining({ type: 'ADT^A04', outcome: 'acked' }),
    ]);
    expect(mllp.received.map(typeOf)).toEqual(['REF^I12', 'REF^I12', 'SIU^S12', 'ADT^A04']);
    const office = await json(await sb.call('GET', '/sandbox/offices'));
    expect(office.data[0].steps.map((s: { state: string }) => s.state)).toEqual([
      'failed',
      'failed',
      'acked',
      'pending',
    ]);
  });

  it('records a refused connection and retries it', async () => {
    const closed = await startMllpServer();
    await closed.close();
    let clock = START;
    const sb = testSandbox(204, {
      now: () => clock,
      hl7: { host: '127.0.0.1', port: closed.port },
    });
    cleanups.push(() => sb.close());
    const { plan } = await referAndDeliver(sb, 'declines');
    clock = new Date(plan.steps[0].due_at);
    expect(await sb.offices.runDue()).toEqual([
      expect.objectContaining({ outcome: 'retrying', error: 'network error: ECONNREFUSED' }),
    ]);
  });

  it('drops the remaining steps when the service tells the office the referral is cancelled', async () => {
    const { mllp, sb, runDueAt } = await setup();
    const { referralId, plan } = await referAndDeliver(sb, 'prompt');
    await runDueAt(plan.steps[0].due_at);
    const cancel = await sb.call('POST', '/api/messages', {
      body: {
        referral_id: referralId,
        recipient: { npi: NPI, name: 'Dr. Ana Ruiz', channel: 'direct', address: 'r@direct.test' },
        subject: 'Cancelled: referral withdrawn by the patient',
        body: 'Please cancel any appointment.',
      },
      idempotencyKey: 'cancel-1',
    });
    expect(cancel.status).toBe(201);
    expect(await runDueAt('2031-01-01T00:00:00Z')).toEqual([]);
    expect(mllp.received.map(typeOf)).toEqual(['REF^I12']);
    const office = await json(await sb.call('GET', '/sandbox/offices'));
    expect(office.data[0].cancelled_at).toBe(plan.steps[0].due_at);
    expect(office.data[0].steps.map((s: { state: string }) => s.state)).toEqual([
      'acked',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });

  it('server mode sends due messages by itself', async () => {
    const mllp = await startMllpServer();
    cleanups.push(mllp.close);
    const sandbox = await startSandbox({
      port: 0,
      practiceId: 'practice-demo',
      apiKey: API_KEY,
      webhookUrl: 'http://127.0.0.1:9/webhooks/ehr',
      webhookSecret: SECRET,
      webhookRetryDelaysMs: [],
      hl7: { host: '127.0.0.1', port: mllp.port },
      offices: { timeScale: 1e8, tickMs: 10, profiles: { [NPI]: 'prompt' } },
    });
    cleanups.push(sandbox.close);
    const post = (path: string, body: unknown, key?: string) =>
      fetch(`${sandbox.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${API_KEY}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify(body),
      });
    const referral = (await (await post('/api/referrals', validReferral)).json()) as { id: string };
    const packet = {
      referral_id: referral.id,
      recipient: { npi: NPI, name: 'Dr. Ana Ruiz', channel: 'direct', address: 'r@direct.test' },
      subject: 'Referral',
      body: 'Please see this patient.',
    };
    expect((await post('/api/messages', packet, 'p-1')).status).toBe(201);
    await vi.waitFor(() => expect(mllp.received).toHaveLength(4), { timeout: 10_000 });
    expect(mllp.received.map(typeOf)).toEqual(['REF^I12', 'SIU^S12', 'ADT^A04', 'MDM^T02']);
  });
});
