import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresBackend,
  sqliteBackend,
  TickingClock,
} from '../../../test/support/store-backends.js';
import type { Store, TaskDraft } from '../../domain/index.js';
import type { OpenStore } from './open-store.js';

const P = 'practice-a';
const OTHER = 'practice-b';
const ACTOR = 'coordinator:cora';

const draft = (kind: TaskDraft['kind'], title = 'Referral needs attention'): TaskDraft => ({
  kind,
  title,
  detail: 'Stopped at match.',
});

describe.each([sqliteBackend(), postgresBackend()])('task queue ($name)', (backend) => {
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

  const create = (key: string, kind: TaskDraft['kind'], referralId: string | null = null) =>
    store.tasks.create({ practiceId: P, referralId, key, task: draft(kind) });
  const completions = async (referralId: string) =>
    (await store.audit.list(P, referralId)).filter((e) => e.action === 'task.completed');

  it('lists by status and by kind, newest first, only the practice’s own', async () => {
    const exception = await create('list-1', 'exception', 'r-list');
    const followUp = await create('list-2', 'follow_up', 'r-list');
    await store.tasks.create({
      practiceId: OTHER,
      referralId: null,
      key: 'list-other',
      task: draft('exception'),
    });
    const mine = await store.tasks.list(P, { kind: 'exception' });
    expect(mine.map((t) => t.id)).toContain(exception.id);
    expect(mine.every((t) => t.kind === 'exception' && t.practiceId === P)).toBe(true);
    expect(
      (await store.tasks.list(P, { kind: 'follow_up', status: 'open' })).map((t) => t.id),
    ).toEqual([followUp.id]);
    expect(await store.tasks.list(P, { kind: 'gap_in_care' })).toEqual([]);
    expect(await store.tasks.list(OTHER, { kind: 'follow_up' })).toEqual([]);
  });

  it('completes an open task once, audited with its id, kind and the note’s length only', async () => {
    const task = await create('done-1', 'exception', 'r-done');
    const note = 'Called the office; PHI-CANARY-Jane Roe';
    const first = await store.tasks.complete({
      practiceId: P,
      taskId: task.id,
      actor: ACTOR,
      note,
    });
    expect(first).toEqual({ task: { ...task, status: 'done' }, completed: true });
    expect(await completions('r-done')).toEqual([
      expect.objectContaining({
        actor: ACTOR,
        referralId: 'r-done',
        data: { taskId: task.id, taskKind: 'exception', noteLength: note.length },
      }),
    ]);
    expect(JSON.stringify(await store.audit.list(P, 'r-done'))).not.toContain('PHI-CANARY');

    const again = await store.tasks.complete({
      practiceId: P,
      taskId: task.id,
      actor: 'coordinator:other',
      note: null,
    });
    expect(again).toEqual({ task: { ...task, status: 'done' }, completed: false });
    expect(await completions('r-done')).toHaveLength(1);
    expect((await store.tasks.list(P, { status: 'done' })).map((t) => t.id)).toContain(task.id);
    expect((await store.tasks.list(P, { status: 'open' })).map((t) => t.id)).not.toContain(task.id);
  });

  it("refuses another practice's task exactly like a missing one, changing nothing", async () => {
    const task = await create('scoped-1', 'delivery_failed', 'r-scoped');
    const audited = (await store.audit.verify()).checked;
    for (const [practiceId, taskId] of [
      [OTHER, task.id],
      [P, 'no-such-task'],
    ] as const) {
      await expect(
        store.tasks.complete({
          practiceId,
          taskId,
          actor: ACTOR,
          note: null,
          receipt: { key: `k-${practiceId}-${taskId}`, requestHash: 'h' },
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Task not found' });
      expect(await store.idempotency.get(practiceId, `k-${practiceId}-${taskId}`)).toBeUndefined();
    }
    expect((await store.tasks.list(P, { kind: 'delivery_failed' }))[0]?.status).toBe('open');
    expect((await store.audit.verify()).checked).toBe(audited);
  });

  it('claims the request’s key in the completing transaction, also for a task already done', async () => {
    const task = await create('receipt-1', 'no_show', null);
    const audited = (await store.audit.verify()).checked;
    const receipt = { key: 'complete-receipt-1', requestHash: 'hash-1' };
    await store.tasks.complete({ practiceId: P, taskId: task.id, actor: ACTOR, note: '', receipt });
    expect(await store.idempotency.get(P, receipt.key)).toEqual({
      requestHash: 'hash-1',
      statusCode: 200,
      body: null,
    });
    const later = { key: 'complete-receipt-2', requestHash: 'hash-2' };
    await store.tasks.complete({
      practiceId: P,
      taskId: task.id,
      actor: ACTOR,
      note: null,
      receipt: later,
    });
    expect((await store.idempotency.get(P, later.key))?.requestHash).toBe('hash-2');
    // A task with no referral is audited too (one event), with referral id null.
    const verified = await store.audit.verify();
    expect(verified).toMatchObject({ ok: true, checked: audited + 1 });
  });

  it('concurrent completions of one task: one is audited, every caller gets the done task', async () => {
    const task = await create('race-1', 'gap_in_care', 'r-race');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        store.tasks.complete({
          practiceId: P,
          taskId: task.id,
          actor: `coordinator:${i}`,
          note: null,
        }),
      ),
    );
    expect(results.filter((r) => r.completed)).toHaveLength(1);
    expect(results.every((r) => r.task.status === 'done')).toBe(true);
    expect(await completions('r-race')).toHaveLength(1);
    expect((await store.audit.verify()).ok).toBe(true);
  });
});
