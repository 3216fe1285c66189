import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ManualClock,
  postgresBackend,
  sqliteBackend,
} from '../../../test/support/store-backends.js';
import type { OutboxPayload, Store } from '../../domain/index.js';
import type { OpenStore } from './open-store.js';

const P = 'practice-o';
const LEASE = 30_000;

function payloads(referralId: string): OutboxPayload[] {
  return [
    { kind: 'status_writeback', referralId, status: 'search_initiated' },
    {
      kind: 'specialist_message',
      referralId,
      recipient: { npi: '1111111111', name: 'Dr. A', channel: 'fax', address: '+15550100' },
      subject: 's',
      body: 'b',
    },
    { kind: 'ehr_task', referralId, title: 'Call patient', detail: 'd' },
  ];
}

async function seed(store: Store, referralId: string, outbox = payloads(referralId)) {
  await store.referrals.createReferral({
    id: referralId,
    practiceId: P,
    threadId: `t-${referralId}`,
  });
  await store.referrals.applyTransition({
    practiceId: P,
    referralId,
    to: 'search_initiated',
    actor: 'system',
    key: `${referralId}|search`,
    outbox,
  });
}

describe.each([sqliteBackend(), postgresBackend()])('outbox ($name)', (backend) => {
  const clock = new ManualClock();
  let opened: OpenStore;
  let store: Store;

  beforeAll(async () => {
    opened = await backend.open({ clock });
    store = opened.store;
    await seed(store, 'r-1');
  });
  afterAll(async () => {
    await opened?.close();
    await backend.cleanup();
  });

  it("leases one referral's rows in queue order, each again only after its lease expires", async () => {
    const now = clock.now();
    const queued = await store.outbox.listForReferral(P, 'r-1');
    const claimed = await store.outbox.claim({ now, limit: 10, leaseMs: LEASE });
    expect(claimed.map((m) => m.id)).toEqual([queued[0]?.id]);
    expect(claimed.every((m) => m.state === 'sending' && m.attempts === 1)).toBe(true);
    expect(await store.outbox.claim({ now, limit: 10, leaseMs: LEASE })).toEqual([]);
    const later = new Date(now.getTime() + LEASE - 1);
    expect(await store.outbox.claim({ now: later, limit: 10, leaseMs: LEASE })).toEqual([]);
    const expired = new Date(now.getTime() + LEASE + 1);
    const reclaimed = await store.outbox.claim({ now: expired, limit: 2, leaseMs: LEASE });
    expect(reclaimed.map((m) => [m.id, m.attempts])).toEqual([[queued[0]?.id, 2]]);
  });

  it('records success with a delivered audit event, once', async () => {
    const rows = await store.outbox.listForReferral(P, 'r-1');
    const writeback = rows.find((m) => m.payload.kind === 'status_writeback');
    const message = rows.find((m) => m.payload.kind === 'specialist_message');
    await store.outbox.complete(writeback?.id ?? '', { ok: true, externalId: 'ehr-1' });
    await store.outbox.complete(message?.id ?? '', { ok: true, externalId: 'fax-1' });
    await store.outbox.complete(message?.id ?? '', { ok: true, externalId: 'fax-2' });
    const after = await store.outbox.listForReferral(P, 'r-1');
    expect(
      after
        .filter((m) => m.state === 'sent')
        .map((m) => m.id)
        .sort(),
    ).toEqual([writeback?.id, message?.id].sort());
    const actions = (await store.audit.list(P, 'r-1')).map((e) => e.action);
    expect(actions.filter((a) => a === 'writeback.delivered')).toHaveLength(1);
    expect(actions.filter((a) => a === 'message.delivered')).toHaveLength(1);
    const far = clock.advance(10 * LEASE);
    const reclaimed = await store.outbox.claim({ now: far, limit: 10, leaseMs: LEASE });
    expect(reclaimed.map((m) => m.payload.kind)).toEqual(['ehr_task']);
  });

  it('schedules a retry, then fails for good with an audit event and a coordinator task', async () => {
    const [task] = (await store.outbox.listForReferral(P, 'r-1')).filter(
      (m) => m.payload.kind === 'ehr_task',
    );
    const id = task?.id ?? '';
    const retryAt = clock.advance(1000);
    await store.outbox.complete(id, { ok: false, error: 'HTTP 503', retryAt });
    const pending = (await store.outbox.listForReferral(P, 'r-1')).find((m) => m.id === id);
    expect(pending).toMatchObject({ state: 'pending', lastError: 'HTTP 503' });
    expect(pending?.nextAttemptAt).toBe(retryAt.toISOString());
    const early = new Date(retryAt.getTime() - 1);
    expect(await store.outbox.claim({ now: early, limit: 10, leaseMs: LEASE })).toEqual([]);
    const due = await store.outbox.claim({ now: retryAt, limit: 10, leaseMs: LEASE });
    expect(due.map((m) => m.id)).toEqual([id]);

    const tasksBefore = await store.tasks.list(P, {});
    await store.outbox.complete(id, { ok: false, error: 'HTTP 400 bad task', retryAt: null });
    const failed = (await store.outbox.listForReferral(P, 'r-1')).find((m) => m.id === id);
    expect(failed).toMatchObject({ state: 'failed', lastError: 'HTTP 400 bad task' });
    const tasks = await store.tasks.list(P, {});
    expect(tasks).toHaveLength(tasksBefore.length + 1);
    expect(tasks[0]).toMatchObject({ kind: 'delivery_failed', referralId: 'r-1', status: 'open' });
    const audit = (await store.audit.list(P, 'r-1')).slice(-2);
    expect(audit.map((e) => e.action)).toEqual(['outbox.failed', 'task.created']);
    expect(audit[1]?.data).toMatchObject({
      key: `outbox-failed|${id}`,
      taskKind: 'delivery_failed',
    });
    expect(
      await store.outbox.claim({ now: clock.advance(LEASE * 10), limit: 10, leaseMs: LEASE }),
    ).toEqual([]);
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it('delivers a patient message with only kind, channel and language in the audit', async () => {
    const patientMessage: OutboxPayload = {
      kind: 'patient_message',
      referralId: 'r-pm',
      patientId: 'pat-SECRET-ID',
      channel: 'portal',
      language: 'es',
      body: 'SECRET-PATIENT-BODY',
    };
    await seed(store, 'r-pm', [patientMessage]);
    const now = clock.advance(LEASE * 100);
    const [claimed, ...rest] = await store.outbox.claim({ now, limit: 10, leaseMs: LEASE });
    expect(rest).toEqual([]);
    expect(claimed?.payload).toEqual(patientMessage);
    await store.outbox.complete(claimed?.id ?? '', { ok: true, externalId: 'pmsg-1' });
    const audit = (await store.audit.list(P, 'r-pm')).filter((e) =>
      e.action.startsWith('message.'),
    );
    const facts = { kind: 'patient_message', channel: 'portal', language: 'es' };
    expect(audit.map((e) => [e.action, e.data])).toEqual([
      ['message.queued', { ...facts, outboxId: claimed?.id, idemKey: claimed?.idemKey }],
      [
        'message.delivered',
        { ...facts, outboxId: claimed?.id, idemKey: claimed?.idemKey, externalId: 'pmsg-1' },
      ],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/SECRET/);
  });

  it('rejects completing an unknown message', async () => {
    await expect(
      store.outbox.complete('missing', { ok: true, externalId: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('outbox claims across PostgreSQL workers', () => {
  const backend = postgresBackend();
  const stores: OpenStore[] = [];

  beforeAll(async () => {
    stores.push(await backend.open(), await backend.open());
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await backend.cleanup();
  });

  it('never hands the same row to two concurrent claimers', async () => {
    const [a, b] = stores;
    if (a === undefined || b === undefined) throw new Error('stores not opened');
    for (let i = 0; i < 20; i += 1) await seed(a.store, `r-${i}`);
    const now = new Date(Date.now() + 60_000);
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? a : b).store.outbox.claim({ now, limit: 10, leaseMs: LEASE }),
      ),
    );
    const ids = claims.flat().map((m) => m.id);
    // The eldest row of each of the 20 referrals; the others wait for it to be delivered.
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(new Set(claims.flat().map((m) => m.referralId)).size).toBe(20);
    expect(claims.flat().every((m) => m.attempts === 1)).toBe(true);
  });
});
