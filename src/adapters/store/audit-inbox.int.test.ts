import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresBackend,
  sqliteBackend,
  TickingClock,
} from '../../../test/support/store-backends.js';
import type { Store } from '../../domain/index.js';
import type { OpenStore } from './open-store.js';

const P = 'practice-a';
const OTHER = 'practice-b';

describe.each([sqliteBackend(), postgresBackend()])(
  'inbox, idempotency, tasks, audit ($name)',
  (backend) => {
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

    it('dedupes webhooks in the inbox and audits both outcomes', async () => {
      const event = {
        type: 'referral.created' as const,
        timestamp: '2025-01-01T00:00:00Z',
        data: { referral_id: 'r-9', practice_id: P },
      };
      const first = await store.inbox.record({ webhookId: 'msg_1', practiceId: P, event });
      expect(first.duplicate).toBe(false);
      expect(first.inbound).toMatchObject({ webhookId: 'msg_1', practiceId: P, referralId: 'r-9' });
      const second = await store.inbox.record({
        webhookId: 'msg_1',
        practiceId: P,
        event: { ...event, type: 'referral.acknowledged' },
      });
      expect(second.duplicate).toBe(true);
      expect(second.inbound).toEqual(first.inbound);
      const actions = (await store.audit.list(P, 'r-9')).map((e) => e.action);
      expect(actions).toEqual(['webhook.accepted', 'webhook.duplicate']);
      expect((await store.inbox.pending(10)).map((e) => e.webhookId)).toEqual(['msg_1']);
      await store.inbox.complete('msg_1', 'processed', 'started thread');
      expect(await store.inbox.pending(10)).toEqual([]);
    });

    it('keeps the first idempotent response', async () => {
      expect(await store.idempotency.get(P, 'idem-1')).toBeUndefined();
      await store.idempotency.save(P, 'idem-1', {
        requestHash: 'h1',
        statusCode: 201,
        body: { a: 1 },
      });
      await store.idempotency.save(P, 'idem-1', { requestHash: 'h2', statusCode: 500, body: null });
      expect(await store.idempotency.get(P, 'idem-1')).toEqual({
        requestHash: 'h1',
        statusCode: 201,
        body: { a: 1 },
      });
      expect(await store.idempotency.get(OTHER, 'idem-1')).toBeUndefined();
    });

    it('creates tasks idempotently by key and lists them newest first', async () => {
      const draft = { kind: 'upstream_unavailable' as const, title: 'EHR down', detail: '503' };
      const a = await store.tasks.create({
        practiceId: P,
        referralId: null,
        key: 'k-up',
        task: draft,
      });
      const b = await store.tasks.create({
        practiceId: P,
        referralId: null,
        key: 'k-up',
        task: draft,
      });
      expect(b).toEqual(a);
      const list = await store.tasks.list(P, { status: 'open' });
      expect(list[0]?.id).toBe(a.id);
      expect(await store.tasks.list(P, { status: 'done' })).toEqual([]);
      expect(await store.tasks.list(OTHER, {})).toEqual([]);
    });

    it('keeps one unforked hash chain under concurrent appends', async () => {
      const before = await auditCount();
      const appended = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          store.audit.append({
            practiceId: P,
            referralId: 'r-chain',
            actor: 'tool:test',
            action: 'tool.called',
            data: { i },
          }),
        ),
      );
      expect(new Set(appended.map((e) => e.seq)).size).toBe(25);
      expect(await store.audit.verify()).toEqual({
        ok: true,
        checked: before + 25,
        firstBadSeq: null,
        anchored: 0,
        unanchored: before + 25,
        problem: null,
      });
      const listed = await store.audit.list(P, 'r-chain');
      expect(listed.map((e) => e.seq)).toEqual([...listed.map((e) => e.seq)].sort((x, y) => x - y));
    });

    it('refuses UPDATE and DELETE on the audit table', async () => {
      await expect(
        backend.raw(["UPDATE audit_events SET actor = 'x' WHERE seq = 1"]),
      ).rejects.toThrow(/append-only/);
      await expect(backend.raw(['DELETE FROM audit_events WHERE seq = 1'])).rejects.toThrow(
        /append-only/,
      );
      expect((await store.audit.verify()).ok).toBe(true);
    });

    it('detects a tampered row once the triggers are bypassed', async () => {
      const target = (await store.audit.list(P, 'r-chain'))[3];
      expect(target).toBeDefined();
      const seq = target?.seq ?? 0;
      await backend.raw([
        ...backend.disableAuditTriggers,
        `UPDATE audit_events SET data_json = '{"kind":"forged"}' WHERE seq = ${seq}`,
      ]);
      expect(await store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: seq });
    });
  },
);
