import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresBackend,
  sqliteBackend,
  TickingClock,
} from '../../../test/support/store-backends.js';
import type { OutboxPayload, Store } from '../../domain/index.js';
import { sha256Hex } from './canonical-json.js';
import type { OpenStore } from './open-store.js';

const P = 'practice-a';
const OTHER = 'practice-b';

const writeback: OutboxPayload = {
  kind: 'status_writeback',
  referralId: 'r-1',
  status: 'search_initiated',
};
const message: OutboxPayload = {
  kind: 'specialist_message',
  referralId: 'r-1',
  recipient: { npi: '1234567893', name: 'Dr. Eye', channel: 'direct', address: 'eye@direct.test' },
  subject: 'Referral for Jane Roe',
  body: 'SECRET-PHI-BODY',
};
const patientMessage: OutboxPayload = {
  kind: 'patient_message',
  referralId: 'r-1',
  patientId: 'pat-SECRET-ID',
  channel: 'sms',
  language: 'es',
  body: 'SECRET-PATIENT-BODY',
};

describe.each([sqliteBackend(), postgresBackend()])('store contract ($name)', (backend) => {
  let opened: OpenStore;
  let store: Store;

  beforeAll(async () => {
    opened = await backend.open({ clock: new TickingClock() });
    store = opened.store;
  });
  afterAll(async () => {
    await opened?.close();
    await backend.cleanup();
  });

  const auditCount = async () => (await store.audit.verify()).checked;

  it('migrations are idempotent: a second open on the same database sees the same data', async () => {
    await store.referrals.createReferral({ id: 'r-mig', practiceId: P, threadId: 't-mig' });
    const again = await backend.open();
    try {
      expect(again.kind).toBe(backend.name);
      expect((await again.store.referrals.getReferral(P, 'r-mig'))?.threadId).toBe('t-mig');
    } finally {
      await again.close();
    }
  });

  it('createReferral inserts once with defaults, then reports the existing row', async () => {
    const first = await store.referrals.createReferral({
      id: 'r-1',
      practiceId: P,
      threadId: 't-1',
    });
    expect(first.created).toBe(true);
    expect(first.record).toMatchObject({
      id: 'r-1',
      practiceId: P,
      threadId: 't-1',
      status: 'received',
      mode: 'assist',
      referralType: 'unknown',
      pendingInterruptId: null,
    });
    const second = await store.referrals.createReferral({
      id: 'r-1',
      practiceId: P,
      threadId: 'x',
    });
    expect(second).toEqual({ created: false, record: first.record });
  });

  it('scopes reads by practice', async () => {
    expect(await store.referrals.getReferral(OTHER, 'r-1')).toBeUndefined();
    expect(
      await store.referrals.listReferrals({ practiceId: OTHER, limit: 10, offset: 0 }),
    ).toEqual([]);
    await store.referrals.createReferral({ id: 'r-1', practiceId: OTHER, threadId: 't-other' });
    expect((await store.referrals.getReferral(OTHER, 'r-1'))?.threadId).toBe('t-other');
    expect((await store.referrals.getReferral(P, 'r-1'))?.threadId).toBe('t-1');
    await expect(
      store.referrals.applyTransition({
        practiceId: 'practice-z',
        referralId: 'r-1',
        to: 'search_initiated',
        actor: 'system',
        key: 'k-z',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies a transition with its audit, outbox rows and tasks in one go', async () => {
    const key = 'r-1|search';
    const result = await store.referrals.applyTransition({
      practiceId: P,
      referralId: 'r-1',
      to: 'search_initiated',
      actor: 'graph:intake',
      key,
      data: { reason: 'new' },
      outbox: [writeback, message, patientMessage],
      tasks: [{ kind: 'exception', title: 'Check insurance', detail: 'Plan unknown' }],
      meta: { referralType: 'retina', mode: 'shadow' },
    });
    expect(result).toEqual({ applied: true, status: 'search_initiated' });
    const record = await store.referrals.getReferral(P, 'r-1');
    expect(record).toMatchObject({
      status: 'search_initiated',
      referralType: 'retina',
      mode: 'shadow',
    });

    const outbox = await store.outbox.listForReferral(P, 'r-1');
    expect(outbox.map((m) => [m.payload.kind, m.state, m.attempts])).toEqual([
      ['status_writeback', 'pending', 0],
      ['specialist_message', 'pending', 0],
      ['patient_message', 'pending', 0],
    ]);
    expect(outbox.map((m) => m.idemKey).sort()).toEqual(
      [
        sha256Hex(`${key}|0|status_writeback`),
        sha256Hex(`${key}|1|specialist_message`),
        sha256Hex(`${key}|2|patient_message`),
      ].sort(),
    );
    expect(await store.outbox.listForReferral(OTHER, 'r-1')).toEqual([]);

    const audit = await store.audit.list(P, 'r-1');
    expect(audit.map((e) => e.action)).toEqual([
      'referral.transition',
      'writeback.queued',
      'message.queued',
      'message.queued',
      'task.created',
    ]);
    expect(audit[0]?.data).toMatchObject({
      from: 'received',
      to: 'search_initiated',
      key,
      reason: 'new',
    });
    expect(audit[2]?.data).toMatchObject({
      kind: 'specialist_message',
      recipientNpi: '1234567893',
    });
    expect(audit[3]?.data).toEqual({
      kind: 'patient_message',
      channel: 'sms',
      language: 'es',
      outboxId: outbox[2]?.id,
      idemKey: outbox[2]?.idemKey,
    });
    expect(JSON.stringify(audit)).not.toContain('SECRET-PHI-BODY');
    expect(JSON.stringify(audit)).not.toContain('SECRET-PATIENT-BODY');
    expect(JSON.stringify(audit)).not.toContain('pat-SECRET-ID');
    expect(JSON.stringify(audit)).not.toContain('Jane Roe');

    const tasks = await store.tasks.list(P, {});
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'exception', referralId: 'r-1', status: 'open' });
  });

  it('treats a repeated transition key as a no-op', async () => {
    const before = await auditCount();
    const again = await store.referrals.applyTransition({
      practiceId: P,
      referralId: 'r-1',
      to: 'search_initiated',
      actor: 'graph:intake',
      key: 'r-1|search',
      outbox: [writeback, message, patientMessage],
      tasks: [{ kind: 'exception', title: 'Check insurance', detail: 'Plan unknown' }],
    });
    expect(again).toEqual({ applied: false, status: 'search_initiated' });
    expect(await auditCount()).toBe(before);
    expect(await store.outbox.listForReferral(P, 'r-1')).toHaveLength(3);
    expect(await store.tasks.list(P, {})).toHaveLength(1);
  });

  it('refuses an illegal transition and writes nothing', async () => {
    await store.referrals.createReferral({ id: 'r-2', practiceId: P, threadId: 't-2' });
    const before = await auditCount();
    const attempt = store.referrals.applyTransition({
      practiceId: P,
      referralId: 'r-2',
      to: 'sent',
      actor: 'system',
      key: 'r-2|bad',
      outbox: [{ ...writeback, referralId: 'r-2' }],
      tasks: [{ kind: 'exception', title: 't', detail: 'd' }],
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'received', to: 'sent' },
    });
    expect(await auditCount()).toBe(before);
    expect(await store.outbox.listForReferral(P, 'r-2')).toEqual([]);
    expect(await store.tasks.list(P, {})).toHaveLength(1);
    expect((await store.referrals.getReferral(P, 'r-2'))?.status).toBe('received');
    // The key was not consumed: a legal move with the same key still applies.
    const legal = await store.referrals.applyTransition({
      practiceId: P,
      referralId: 'r-2',
      to: 'received',
      actor: 'system',
      key: 'r-2|bad',
    });
    expect(legal).toEqual({ applied: true, status: 'received' });
  });

  it('lists, filters and pages referrals; listUnfinished skips terminal ones', async () => {
    await store.referrals.applyTransition({
      practiceId: P,
      referralId: 'r-2',
      to: 'cancelled',
      actor: 'coordinator:1',
      key: 'r-2|cancel',
    });
    const all = await store.referrals.listReferrals({ practiceId: P, limit: 10, offset: 0 });
    expect(all.map((r) => r.id)).toEqual(['r-2', 'r-1', 'r-mig']);
    const cancelled = await store.referrals.listReferrals({
      practiceId: P,
      status: 'cancelled',
      limit: 10,
      offset: 0,
    });
    expect(cancelled.map((r) => r.id)).toEqual(['r-2']);
    const page = await store.referrals.listReferrals({ practiceId: P, limit: 1, offset: 1 });
    expect(page).toHaveLength(1);
    const unfinished = await store.referrals.listUnfinished();
    expect(unfinished.map((r) => `${r.practiceId}/${r.id}`).sort()).toEqual(
      [`${P}/r-1`, `${P}/r-mig`, `${OTHER}/r-1`].sort(),
    );
  });

  it('records and clears the pending interrupt, scoped by practice', async () => {
    await store.referrals.setPendingInterrupt(P, 'r-1', { id: 'int-1', kind: 'review' });
    expect(await store.referrals.getReferral(P, 'r-1')).toMatchObject({
      pendingInterruptId: 'int-1',
      pendingInterruptKind: 'review',
    });
    expect((await store.referrals.getReferral(OTHER, 'r-1'))?.pendingInterruptId).toBeNull();
    await store.referrals.setPendingInterrupt(P, 'r-1', null);
    expect((await store.referrals.getReferral(P, 'r-1'))?.pendingInterruptKind).toBeNull();
    await expect(store.referrals.setPendingInterrupt(P, 'nope', null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
