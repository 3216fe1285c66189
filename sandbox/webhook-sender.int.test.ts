import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type RunningSandbox, startSandbox } from './server.js';
import { API_KEY, SECRET, validReferral } from './test-client.js';

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  verified: unknown;
}

/** A local webhook receiver that verifies every signature and answers `respond(n)` to hit n. */
async function startReceiver(respond: (n: number) => number) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified: unknown;
      try {
        verified = new Webhook(SECRET).verify(body, req.headers as Record<string, string>);
      } catch (err) {
        verified = err;
      }
      hits.push({ headers: req.headers, body, verified });
      res.statusCode = respond(hits.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/ehr`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The sandbox's clock: it starts at the current second (the receiver checks signatures against
 * real time, 5-minute tolerance) and moves one second at each reading, so every attempt has its
 * own timestamp; `given` is every second it handed out, in order.
 */
function steppingClock() {
  const start = Math.floor(Date.now() / 1000) * 1000;
  const given: number[] = [];
  return {
    given,
    now: () => {
      given.push(start / 1000 + given.length);
      return new Date(start + 1000 * (given.length - 1));
    },
  };
}

/**
 * Waits for what the sandbox does in the background (a delivery, its retries). The bound only
 * ends a test that would otherwise hang; nothing here measures how long the wait took.
 */
const settled = (check: () => unknown) => vi.waitFor(check, { timeout: 30_000, interval: 10 });

async function setup(respond: (n: number) => number, webhookRetryDelaysMs: number[]) {
  const receiver = await startReceiver(respond);
  cleanups.push(receiver.close);
  const clock = steppingClock();
  const sandbox = await startSandbox({
    now: clock.now,
    port: 0,
    practiceId: 'practice-demo',
    apiKey: API_KEY,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    webhookRetryDelaysMs,
  });
  cleanups.push(sandbox.close);
  return { receiver, sandbox, clock };
}

async function createReferral(sandbox: RunningSandbox): Promise<string> {
  const res = await fetch(`${sandbox.url}/api/referrals`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(validReferral),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function deliveryLog(sandbox: RunningSandbox) {
  const res = await fetch(`${sandbox.url}/sandbox/webhooks`);
  return ((await res.json()) as { data: Record<string, unknown>[] }).data;
}

describe('webhook delivery over HTTP', () => {
  it('delivers a verifiable referral.created on the first attempt', async () => {
    const { receiver, sandbox, clock } = await setup(() => 200, [50, 50]);
    const referralId = await createReferral(sandbox);
    await settled(() => expect(receiver.hits).toHaveLength(1));
    const [hit] = receiver.hits;
    expect(hit?.verified).toEqual({
      type: 'referral.created',
      timestamp: expect.any(String),
      data: { referral_id: referralId, practice_id: 'practice-demo' },
    });
    expect(hit?.headers['content-type']).toBe('application/json');
    // Stamped by the sandbox's clock, at one of its readings.
    expect(clock.given).toContain(Number(hit?.headers['webhook-timestamp']));
    await settled(async () =>
      expect(await deliveryLog(sandbox)).toEqual([
        {
          webhook_id: hit?.headers['webhook-id'],
          type: 'referral.created',
          referral_id: referralId,
          attempts: 1,
          delivered: true,
          last_status: 200,
          last_error: null,
          dropped: false,
        },
      ]),
    );
    expect(receiver.hits).toHaveLength(1);
  });

  it('retries 500s with the same webhook-id, re-signed with fresh timestamps', async () => {
    const { receiver, sandbox, clock } = await setup((n) => (n <= 2 ? 500 : 200), [50, 50, 50]);
    await createReferral(sandbox);
    await settled(() => expect(receiver.hits).toHaveLength(3));
    const ids = new Set(receiver.hits.map((h) => h.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const hit of receiver.hits) expect(hit.verified).not.toBeInstanceOf(Error);
    // Each attempt is stamped at a later reading of the sandbox's clock than the one before.
    const readings = receiver.hits.map((h) =>
      clock.given.indexOf(Number(h.headers['webhook-timestamp'])),
    );
    expect(readings).not.toContain(-1);
    expect(new Set(readings).size).toBe(3);
    expect(readings).toEqual(readings.toSorted((a, b) => a - b));
    const signatures = new Set(receiver.hits.map((h) => h.headers['webhook-signature']));
    expect(signatures.size).toBe(3);
    expect(new Set(receiver.hits.map((h) => h.body)).size).toBe(1);
    await settled(async () =>
      expect((await deliveryLog(sandbox))[0]).toMatchObject({
        attempts: 3,
        delivered: true,
        last_status: 200,
        last_error: null,
      }),
    );
    expect(receiver.hits).toHaveLength(3);
  });

  it('stops at once on 410 Gone', async () => {
    const { receiver, sandbox } = await setup(() => 410, [30, 30, 30]);
    await createReferral(sandbox);
    await settled(async () =>
      expect((await deliveryLog(sandbox))[0]).toMatchObject({
        attempts: 1,
        delivered: false,
        last_status: 410,
        last_error: 'HTTP 410',
      }),
    );
    expect(receiver.hits).toHaveLength(1);
  });

  it('gives up after delays.length + 1 attempts', async () => {
    const { receiver, sandbox } = await setup(() => 503, [20, 20]);
    await createReferral(sandbox);
    await settled(async () =>
      expect((await deliveryLog(sandbox))[0]).toMatchObject({
        attempts: 3,
        delivered: false,
        last_status: 503,
      }),
    );
    expect(receiver.hits).toHaveLength(3);
  });

  it('close() cancels pending retries', async () => {
    const { receiver, sandbox } = await setup(() => 500, [300, 300, 300]);
    await createReferral(sandbox);
    await settled(() => expect(receiver.hits).toHaveLength(1));
    // That nothing is retried after close() is the unit test's (fake timers, webhook-sender.test.ts).
    await sandbox.close();
    expect(receiver.hits).toHaveLength(1);
    await expect(fetch(`${sandbox.url}/health`)).rejects.toThrow();
  });

  it('sends verifiable specialist responses for a referral', async () => {
    const { receiver, sandbox } = await setup(() => 204, [50]);
    const referralId = await createReferral(sandbox);
    const res = await fetch(`${sandbox.url}/api/referrals/${referralId}/specialist-response`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'acknowledged', note: 'Received, will call' }),
    });
    expect(res.status).toBe(202);
    const { webhook_id } = (await res.json()) as { webhook_id: string };
    await settled(() => expect(receiver.hits).toHaveLength(2));
    const hit = receiver.hits.find((h) => h.headers['webhook-id'] === webhook_id);
    expect(hit?.verified).toMatchObject({
      type: 'referral.acknowledged',
      data: { referral_id: referralId, practice_id: 'practice-demo', note: 'Received, will call' },
    });
  });

  it('records a network error when the receiver is unreachable', async () => {
    const receiver = await startReceiver(() => 200);
    await receiver.close();
    const sandbox = await startSandbox({
      port: 0,
      practiceId: 'practice-demo',
      apiKey: API_KEY,
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
      webhookRetryDelaysMs: [20],
    });
    cleanups.push(sandbox.close);
    await createReferral(sandbox);
    await settled(async () =>
      expect((await deliveryLog(sandbox))[0]).toMatchObject({
        attempts: 2,
        delivered: false,
        last_status: null,
        last_error: 'network error: ECONNREFUSED',
      }),
    );
  });
});
