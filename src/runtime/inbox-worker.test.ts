import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../test/fakes/graph-harness.js';
import { PRACTICE_ID, referralFor } from '../../test/fixtures/world.js';
import { createLogger } from '../adapters/log/index.js';
import type { ReferralEvent } from '../domain/index.js';
import { createInboxWorker } from './inbox-worker.js';

const created = (referralId: string) => ({
  type: 'referral.created' as const,
  timestamp: '2026-11-25T10:00:00.000Z',
  data: { referral_id: referralId, practice_id: PRACTICE_ID },
});

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;

const workerFor = (h: Harness, runner = h.runner) =>
  createInboxWorker({
    store: h.store,
    runner,
    tools: h.tools,
    clock: h.clock,
    logger: createLogger('silent'),
    pollMs: 1000,
  });

/** Records an event signed with the credentials of `PRACTICE_ID`. */
const receive = (h: Harness, webhookId: string, event: ReferralEvent) =>
  h.store.inbox.record({ webhookId, practiceId: PRACTICE_ID, event });

/** Everything a refused event could have touched: our referral index, threads, tasks, the EHR. */
async function footprint(h: Harness, referralId: string) {
  const ref = { practiceId: PRACTICE_ID, referralId };
  return {
    referral: await h.store.referrals.getReferral(PRACTICE_ID, referralId),
    thread: await h.runner.state(ref),
    tasks: (await h.store.tasks.list(PRACTICE_ID, {}))
      .filter((t) => t.referralId === referralId)
      .map((t) => [t.kind, t.referralId]),
    ehrWrites: h.ehr.delivered.size,
    outbox: await h.store.outbox.listForReferral(PRACTICE_ID, referralId),
  };
}

describe('inbox worker', () => {
  it('runs a recorded event to the review gate and marks it processed', async () => {
    const h = await createGraphHarness();
    const worker = workerFor(h);
    await receive(h, 'evt_1', created('ref-1'));
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
    await receive(h, 'evt_1', created('ref-1'));
    await receive(h, 'evt_2', { ...created('ref-1'), type: 'referral.acknowledged' });
    await worker.drain();
    const audit = await h.store.audit.list(PRACTICE_ID, 'ref-1');
    expect(audit.filter((e) => e.action === 'event.ignored').map((e) => e.data.eventId)).toEqual([
      'evt_2',
    ]);
    await h.close();
  });

  it('refuses an id the EHR does not know: one audit entry, one task, no referral, nothing to the EHR', async () => {
    const h = await createGraphHarness();
    await receive(h, 'evt_9', created('ref-missing'));
    await workerFor(h).drain();
    expect(await footprint(h, 'ref-missing')).toEqual({
      referral: undefined,
      thread: null,
      tasks: [['unknown_referral', 'ref-missing']],
      ehrWrites: 0,
      outbox: [],
    });
    const refused = (await h.store.audit.list(PRACTICE_ID, 'ref-missing')).filter(
      (e) => e.action === 'event.refused',
    );
    expect(refused.map((e) => e.data)).toEqual([
      { webhookId: 'evt_9', type: 'referral.created', reason: 'unknown_referral' },
    ]);
    await h.close();
  });

  it("refuses an event naming another practice, leaving that practice's referral alone", async () => {
    const h = await createGraphHarness();
    const worker = workerFor(h);
    await receive(h, 'evt_1', created('ref-1'));
    await worker.drain();
    const before = await footprint(h, 'ref-1');
    const crossing = created('ref-1');
    await receive(h, 'evt_2', {
      ...crossing,
      data: { ...crossing.data, practice_id: 'practice-other' },
    });
    await worker.drain();
    const after = await footprint(h, 'ref-1');
    expect(after.referral?.status).toBe('pending_review');
    expect(after.referral).toEqual(before.referral);
    expect(after.ehrWrites).toBe(before.ehrWrites);
    expect(after.tasks).toEqual([...before.tasks, ['unknown_referral', 'ref-1']]);
    expect(await h.store.referrals.getReferral('practice-other', 'ref-1')).toBeUndefined();
    await h.close();
  });

  it("answers another practice's id exactly as an id that exists nowhere", async () => {
    const h = await createGraphHarness();
    h.ehr.addReferral(referralFor('ref-theirs', { practiceId: 'practice-other' }));
    await receive(h, 'evt_a', created('ref-theirs'));
    await receive(h, 'evt_b', created('ref-nowhere'));
    await workerFor(h).drain();
    /** What a coordinator or the EHR could observe, with the id and generated values blanked. */
    const shape = async (referralId: string) => {
      const fp = await footprint(h, referralId);
      const audit = (await h.store.audit.list(PRACTICE_ID, referralId)).map((e) => [
        e.action,
        { ...e.data, ms: 0 },
      ]);
      const inbox = await h.store.inbox.record({
        webhookId: referralId === 'ref-theirs' ? 'evt_a' : 'evt_b',
        practiceId: PRACTICE_ID,
        event: created(referralId),
      });
      return JSON.stringify({ ...fp, audit, status: inbox.inbound.status })
        .replaceAll(referralId, 'ID')
        .replace(/evt_[ab]/g, 'EVT')
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'UUID');
    };
    const theirs = await shape('ref-theirs');
    expect(theirs).toContain('"status":"refused"');
    expect(theirs).toEqual(await shape('ref-nowhere'));
    await h.close();
  });

  it('opens at most one task per unknown id a day, however many events name it', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    const h = await createGraphHarness({ clock: { now: () => now } });
    const worker = workerFor(h);
    for (let i = 0; i < 25; i++) {
      await receive(h, `evt_${i}`, {
        ...created('ref-ghost'),
        type: i % 2 ? 'referral.acknowledged' : 'referral.created',
      });
    }
    await worker.drain();
    expect((await h.store.tasks.list(PRACTICE_ID, {})).length).toBe(1);
    now = new Date('2026-11-26T09:00:00Z');
    await receive(h, 'evt_next_day', created('ref-ghost'));
    await worker.drain();
    expect((await h.store.tasks.list(PRACTICE_ID, {})).length).toBe(2);
    const refusals = (await h.store.audit.list(PRACTICE_ID, 'ref-ghost')).filter(
      (e) => e.action === 'event.refused',
    );
    expect(refusals).toHaveLength(26);
    expect(h.ehr.delivered.size).toBe(0);
    await h.close();
  });

  it('starts a new referral when the EHR cannot be asked, so an outage parks it for a coordinator instead of dropping it', async () => {
    const h = await createGraphHarness();
    h.ehr.failNext(100);
    await receive(h, 'evt_1', created('ref-1'));
    await workerFor(h).drain();
    const pending = await h.runner.pending({ practiceId: PRACTICE_ID, referralId: 'ref-1' });
    expect(pending.map((g) => g.kind)).toEqual(['exception']);
    expect((await h.store.tasks.list(PRACTICE_ID, {})).map((t) => t.kind)).toEqual([
      'upstream_unavailable',
    ]);
    await h.close();
  });

  it('marks a run that fails unexpectedly as failed and opens a task, instead of dropping it', async () => {
    const h = await createGraphHarness();
    const runner = { ...h.runner, start: async () => Promise.reject(new Error('boom')) };
    const worker = workerFor(h, runner);
    await receive(h, 'evt_5', created('ref-1'));
    await worker.drain();
    expect(await h.store.inbox.pending(10)).toEqual([]);
    const [task] = await h.store.tasks.list(PRACTICE_ID, {});
    expect(task).toMatchObject({ kind: 'exception', referralId: 'ref-1', status: 'open' });
    expect(task?.detail).toContain('INTERNAL');
    await h.close();
  });
});
