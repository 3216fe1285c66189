import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../test/fakes/graph-harness.js';
import { PRACTICE_ID } from '../../test/fixtures/world.js';
import { createLogger } from '../adapters/log/index.js';
import { createOutboxRelay } from './outbox-relay.js';

const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };

async function setup(maxAttempts = 3) {
  const h = await createGraphHarness();
  let now = 0;
  const clock = { now: () => new Date(now) };
  const relay = createOutboxRelay({
    outbox: h.store.outbox,
    ehr: h.ehr.client,
    clock,
    logger: createLogger('silent'),
    maxAttempts,
    leaseMs: 30_000,
    pollMs: 1000,
    backoffMs: 1000,
  });
  await h.runner.start(ref);
  // The store stamps rows with the real clock; the relay's clock starts after them and moves by hand.
  now = Date.now();
  return { h, relay, advance: (ms: number) => (now += ms) };
}

const statuses = (payloads: Iterable<{ kind: string; status?: string }>) =>
  [...payloads].map((p) => (p.kind === 'status_writeback' ? p.status : p.kind));

describe('outbox relay', () => {
  it('delivers every queued write-back once, in the order they were queued', async () => {
    const { h, relay } = await setup();
    await relay.drain();
    await relay.drain();
    expect(
      statuses(h.ehr.delivered.values() as Iterable<{ kind: string; status?: string }>),
    ).toEqual(['search_initiated', 'candidates_identified', 'pending_review']);
    const rows = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
    await h.close();
  });

  it('retries a transient failure later, keeping the order', async () => {
    const { h, relay, advance } = await setup();
    h.ehr.failNext(1);
    await relay.drain();
    expect(h.ehr.delivered.size).toBe(0);
    advance(1500);
    await relay.drain();
    expect(h.ehr.delivered.size).toBe(3);
    const [first] = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(first).toMatchObject({ state: 'sent', attempts: 2 });
    await h.close();
  });

  it('gives up after the last attempt and opens a coordinator task', async () => {
    const { h, relay, advance } = await setup(2);
    h.ehr.failNext(10);
    await relay.drain();
    advance(5000);
    await relay.drain();
    const [first] = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(first).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'UPSTREAM_UNAVAILABLE',
    });
    expect((await h.store.tasks.list(PRACTICE_ID, {})).map((t) => t.kind)).toContain(
      'delivery_failed',
    );
    await h.close();
  });
});
