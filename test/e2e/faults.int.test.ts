import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HumanInterrupt } from '../../src/domain/index.js';
import type { Detail } from '../support/api.js';
import { settle, waitForReviewQueue, waitForWriteback } from '../support/flows.js';
import { type Harness, startHarness } from '../support/harness.js';
import { waitFor } from '../support/wait-for.js';

/** Waits until the referral is parked at an exception gate (status, index mirror and gate). */
function waitForException(h: Harness, id: string): Promise<Detail> {
  return waitFor(
    async () => {
      const detail = await h.api.referral(id);
      return detail.status === 'exception' &&
        detail.pending === 'exception' &&
        detail.pendingReview?.kind === 'exception'
        ? detail
        : undefined;
    },
    { what: `${id} to stop at an exception gate` },
  );
}

describe('upstream faults', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('EHR down: exception with a coordinator task; retry after recovery reaches review', async () => {
    await h.ehr.fault('ehr', 'down');
    const { id } = await h.ehr.createReferral();

    const parked = await waitForException(h, id);
    expect(parked.exception).toEqual({
      reason: 'upstream_unavailable',
      stage: 'intake',
      code: 'UPSTREAM_UNAVAILABLE',
    });
    const request = HumanInterrupt.parse(parked.pendingReview?.request);
    expect(request.action_request.action).toBe('resolve_exception');
    expect(request.config.allow_accept).toBe(true);
    expect(parked.candidates).toEqual([]);

    // Nothing dropped: the event was taken, the referral is listed, a person is told.
    const deliveries = (await h.ehr.webhooks()).filter((d) => d.referral_id === id);
    expect(deliveries).toEqual([
      expect.objectContaining({ type: 'referral.created', delivered: true }),
    ]);
    expect((await h.api.list('exception')).map((r) => r.id)).toEqual([id]);
    const tasks = await h.api.tasks('open');
    expect(tasks).toEqual([
      expect.objectContaining({ referralId: id, kind: 'upstream_unavailable', status: 'open' }),
    ]);
    const audit = await h.api.audit(id);
    // Once when the event came in (the EHR could not confirm the referral), once at intake.
    const failed = expect.objectContaining({ data: expect.objectContaining({ outcome: 'error' }) });
    expect(
      audit.filter((e) => e.action === 'tool.called' && e.data.tool === 'get_referral'),
    ).toEqual([failed, failed]);
    expect(audit.some((e) => e.action === 'task.created')).toBe(true);

    // A review decision is refused at an exception gate; retry is the way on.
    const wrong = await h.api.review(id, { decision: 'edit', note: 'x' });
    expect(wrong.status).toBe(422);

    await h.ehr.resetFaults();
    const answer = await h.api.decide(id, { decision: 'retry' });
    expect(answer).toMatchObject({ referralId: id, decision: 'retry', status: 'pending_review' });
    const reviewed = await waitForReviewQueue(h, id);
    expect(reviewed.exception).toBeNull();
    expect(reviewed.candidates.length).toBeGreaterThan(0);

    // The write-backs queued during the outage arrive after it, once each, and the EHR ends
    // up showing where the referral really is.
    const ehrTasks = await waitFor(
      async () => {
        const list = await h.ehr.tasks(id);
        return list.length > 0 ? list : undefined;
      },
      { what: `the exception task for ${id} to reach the EHR` },
    );
    expect(ehrTasks).toHaveLength(1);
    await waitFor(
      async () => {
        const s = await h.ehr.statuses(id);
        return ['exception', 'pending_review'].every((x) => s.includes(x)) ? s : undefined;
      },
      { what: 'every write-back to reach the EHR' },
    );
    await settle(h);
    expect(await h.ehr.statuses(id)).toEqual([
      'exception',
      'search_initiated',
      'candidates_identified',
      'pending_review',
    ]);
    expect((await h.ehr.referral(id)).status).toBe('pending_review');
  });

  it('payer down: exception at enrich; retry after recovery reaches review', async () => {
    await h.ehr.fault('payer', 'down');
    const { id } = await h.ehr.createReferral();

    const parked = await waitForException(h, id);
    expect(parked.exception).toEqual({
      reason: 'upstream_unavailable',
      stage: 'enrich',
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(await h.api.tasks('open')).toEqual([
      expect.objectContaining({ referralId: id, kind: 'upstream_unavailable' }),
    ]);
    // The EHR was up: it hears about the search and the exception, and gets a task.
    expect(await waitForWriteback(h.ehr, id, 'exception')).toEqual([
      'search_initiated',
      'exception',
    ]);
    await waitFor(async () => (await h.ehr.tasks(id)).length === 1, {
      what: 'the EHR task for the exception',
    });

    await h.ehr.resetFaults();
    expect((await h.api.decide(id, { decision: 'retry' })).status).toBe('pending_review');
    const reviewed = await waitForReviewQueue(h, id);
    expect(reviewed.exception).toBeNull();
    expect(reviewed.candidates.some((c) => c.isValid)).toBe(true);
    expect(await waitForWriteback(h.ehr, id, 'pending_review')).toEqual([
      'search_initiated',
      'exception',
      'search_initiated',
      'candidates_identified',
      'pending_review',
    ]);
  });

  it('an exception can be cancelled instead (reject)', async () => {
    await h.ehr.fault('payer', 'down');
    const { id } = await h.ehr.createReferral();
    await waitForException(h, id);
    const answer = await h.api.decide(id, { decision: 'reject', note: 'Patient moved away' });
    expect(answer).toMatchObject({ status: 'cancelled', pending: null });
    expect(await waitForWriteback(h.ehr, id, 'cancelled')).toEqual([
      'search_initiated',
      'exception',
      'cancelled',
    ]);
    expect(await h.ehr.messages(id)).toEqual([]);
  });
});
