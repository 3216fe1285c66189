import { describe, expect, it } from 'vitest';
import { buildGraph, createReferralRunner } from '../../graph/index.js';
import { createGraphHarness } from '../../test/fakes/graph-harness.js';
import { PRACTICE_ID } from '../../test/fixtures/world.js';
import type { ReferralStatus, ReviewDecision, Store } from '../domain/index.js';
import { decideOnce } from './decide-once.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;

const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };

/** Where the process dies: right after the transition to a status, or after the sends are queued. */
type CrashPoint = ReferralStatus | 'dispatch';

/** The process dies right after the transition at `at` commits (before anything after it runs). */
function dyingAfter(store: Store, at: CrashPoint): Store {
  return {
    ...store,
    referrals: {
      ...store.referrals,
      async applyTransition(input) {
        const result = await store.referrals.applyTransition(input);
        const here = at === 'dispatch' ? input.key.endsWith('|dispatch') : input.to === at;
        if (here) throw new Error('the process was killed here');
        return result;
      },
    },
  };
}

/** A runner over the same store and threads whose run dies after the decision commits. */
function crashingRunner(h: Harness, at: CrashPoint) {
  const store = dyingAfter(h.store, at);
  return {
    store,
    runner: createReferralRunner({ graph: buildGraph({ ...h.graphDeps, store }), store }),
    clock: h.clock,
  };
}

const decide = (h: Harness, decision: ReviewDecision, key = 'key-1') =>
  decideOnce(
    { ...ref, key, decision, actor: 'coordinator:cora' },
    { store: h.store, runner: h.runner, clock: h.clock },
  );

async function awaitingReview() {
  const h = await createGraphHarness();
  await h.runner.start(ref);
  expect((await h.runner.pending(ref)).map((g) => g.kind)).toEqual(['review']);
  return h;
}

describe('decideOnce', () => {
  it.each([
    ['in the node that records it', 'approved'],
    ['in a later node (the send)', 'dispatch'],
  ] as const)(
    'a retry after a crash %s gets the answer of a run that did not crash',
    async (_, at) => {
      const calm = await awaitingReview();
      const expected = await decide(calm, { decision: 'approve' });
      expect(expected).toEqual({
        referralId: 'ref-1',
        decision: 'approve',
        status: 'approved',
        pending: 'await-delivery',
      });
      await calm.close();

      const h = await awaitingReview();
      const dying = crashingRunner(h, at);
      await expect(
        decideOnce(
          { ...ref, key: 'key-1', decision: { decision: 'approve' }, actor: 'coordinator:cora' },
          dying,
        ),
      ).rejects.toThrow('killed');
      expect((await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1'))?.status).toBe('approved');

      // The restarted process: the same store, a fresh runner; the client retries with its key.
      expect(await decide(h, { decision: 'approve' })).toEqual(expected);
      expect(await decide(h, { decision: 'approve' })).toEqual(expected);
      const sent = (await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).filter(
        (m) => m.payload.kind === 'specialist_message',
      );
      expect(sent).toHaveLength(1);
      await h.close();
    },
  );

  it('the same after a crash once the process has restarted and recovered the run', async () => {
    const h = await awaitingReview();
    await expect(
      decideOnce(
        {
          ...ref,
          key: 'key-1',
          decision: { decision: 'reject', note: 'seen elsewhere' },
          actor: 'coordinator:cora',
        },
        crashingRunner(h, 'rejected'),
      ),
    ).rejects.toThrow('killed');
    await h.runner.recover();
    // A rejection offers the next candidates: the run re-matched without the rejected one.
    expect(await decide(h, { decision: 'reject', note: 'seen elsewhere' })).toEqual({
      referralId: 'ref-1',
      decision: 'reject',
      status: 'pending_review',
      pending: 'review',
    });
    await h.close();
  });

  it('a crash after an exception retry was recorded: the retry of the request does not retry twice', async () => {
    const h = await createGraphHarness();
    h.ehr.failNext(100);
    await h.runner.start(ref);
    expect((await h.runner.pending(ref)).map((g) => g.kind)).toEqual(['exception']);
    // The EHR is still down: the coordinator's retry lands in a new exception.
    await expect(
      decideOnce(
        { ...ref, key: 'retry-1', decision: { decision: 'retry' }, actor: 'coordinator:cora' },
        crashingRunner(h, 'exception'),
      ),
    ).rejects.toThrow('killed');
    const first = await decide(h, { decision: 'retry' }, 'retry-1');
    expect(first).toMatchObject({ status: 'exception', pending: 'exception' });
    const transitions = (await h.store.audit.list(PRACTICE_ID, 'ref-1')).filter(
      (e) => e.action === 'referral.transition' && e.data.to === 'exception',
    );
    // The first exception, the recorded retry, the exception of the retried round: no second retry.
    expect(transitions.map((e) => e.data.round)).toEqual([0, 0, 1]);
    h.ehr.failNext(0);
    expect(await decide(h, { decision: 'retry' }, 'retry-1')).toEqual(first);
    await h.close();
  });

  it('a key reused with another decision is refused, before and after a crash', async () => {
    const h = await awaitingReview();
    await expect(
      decideOnce(
        { ...ref, key: 'key-1', decision: { decision: 'approve' }, actor: 'coordinator:cora' },
        crashingRunner(h, 'approved'),
      ),
    ).rejects.toThrow('killed');
    await expect(decide(h, { decision: 'reject' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_MISMATCH',
    });
    await h.close();
  });

  it('two requests with one key at once: one decision, one answer for both', async () => {
    const h = await awaitingReview();
    const [a, b] = await Promise.all([
      decide(h, { decision: 'approve' }),
      decide(h, { decision: 'approve' }),
    ]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 'approved', pending: 'await-delivery' });
    const approvals = (await h.store.audit.list(PRACTICE_ID, 'ref-1')).filter(
      (e) =>
        e.action === 'referral.transition' &&
        e.data.to === 'approved' &&
        e.data.from !== 'approved',
    );
    expect(approvals).toHaveLength(1);
    await h.close();
  });

  it('another key after the decision is a conflict', async () => {
    const h = await awaitingReview();
    await decide(h, { decision: 'approve' });
    await expect(decide(h, { decision: 'approve' }, 'key-2')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await h.close();
  });
});
