import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../test/fakes/graph-harness.js';
import { PRACTICE_ID } from '../../test/fixtures/world.js';
import { createLogger } from '../adapters/log/index.js';
import { createInboxWorker } from './inbox-worker.js';

const created = (referralId: string) => ({
  type: 'referral.created' as const,
  timestamp: '2026-11-25T10:00:00.000Z',
  data: { referral_id: referralId, practice_id: PRACTICE_ID },
});

const workerFor = (h: Awaited<ReturnType<typeof createGraphHarness>>, runner = h.runner) =>
  createInboxWorker({ store: h.store, runner, logger: createLogger('silent'), pollMs: 1000 });

describe('inbox worker', () => {
  it('runs a recorded event to the review gate and marks it processed', async () => {
    const h = await createGraphHarness();
    const worker = workerFor(h);
    await h.store.inbox.record({ webhookId: 'evt_1', event: created('ref-1') });
    await worker.drain();
    expect(await h.store.inbox.pending(10)).toEqual([]);
    expect((await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1'))?.status).toBe(
      'pending_review',
    );
    await h.close();
  });

  it('ignores a specialist event for a referral that is not waiting for one, with an audit entry', async () => {
    const h = await createGraphHarness();
    const worker = workerFor(h);
    await h.store.inbox.record({ webhookId: 'evt_1', event: created('ref-1') });
    await h.store.inbox.record({
      webhookId: 'evt_2',
      event: { ...created('ref-1'), type: 'referral.acknowledged' },
    });
    await worker.drain();
    const audit = await h.store.audit.list(PRACTICE_ID, 'ref-1');
    expect(audit.filter((e) => e.action === 'event.ignored').map((e) => e.data.webhookId)).toEqual([
      'evt_2',
    ]);
    await h.close();
  });

  it('parks an unknown referral as an exception for a coordinator', async () => {
    const h = await createGraphHarness();
    const worker = workerFor(h);
    await h.store.inbox.record({ webhookId: 'evt_9', event: created('ref-missing') });
    await worker.drain();
    const pending = await h.runner.pending({ practiceId: PRACTICE_ID, referralId: 'ref-missing' });
    expect(pending.map((g) => g.kind)).toEqual(['exception']);
    expect((await h.store.tasks.list(PRACTICE_ID, {})).map((t) => t.kind)).toEqual(['exception']);
    await h.close();
  });

  it('marks a run that fails unexpectedly as failed and opens a task, instead of dropping it', async () => {
    const h = await createGraphHarness();
    const runner = { ...h.runner, start: async () => Promise.reject(new Error('boom')) };
    const worker = workerFor(h, runner);
    await h.store.inbox.record({ webhookId: 'evt_5', event: created('ref-1') });
    await worker.drain();
    expect(await h.store.inbox.pending(10)).toEqual([]);
    const [task] = await h.store.tasks.list(PRACTICE_ID, {});
    expect(task).toMatchObject({ kind: 'exception', referralId: 'ref-1', status: 'open' });
    expect(task?.detail).toContain('INTERNAL');
    await h.close();
  });
});
