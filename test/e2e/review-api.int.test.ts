import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createReferralAwaitingReview,
  settle,
  waitForMessages,
  waitForStatus,
} from '../support/flows.js';
import { type Harness, startHarness } from '../support/harness.js';

describe('review API: access and idempotency', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers 404 / 400 / 403 / 401 for the wrong referral, key, role or token', async () => {
    const { id } = await createReferralAwaitingReview(h);
    const approve = { decision: 'approve' };

    const missing = await h.api.review('ref-999999', approve);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const canary = 'CANARY-review-9c2d';
    for (const body of [{ decision: canary }, { decision: 'approve', [canary]: true }]) {
      const invalid = await h.api.review(id, body);
      expect(invalid.status).toBe(422);
      expect(invalid.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
      expect(invalid.text).not.toContain(canary);
    }

    const noKey = await h.api.review(id, approve, null);
    expect(noKey.status).toBe(400);
    expect(noKey.json).toMatchObject({ error: { code: 'BAD_REQUEST' } });

    const viewer = await h.viewerApi.review(id, approve);
    expect(viewer.status).toBe(403);
    expect(viewer.json).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // A viewer still reads.
    expect((await h.viewerApi.referral(id)).status).toBe('pending_review');

    for (const token of [undefined, 'not-a-valid-token-at-all']) {
      const anon = h.apiAs(token);
      for (const res of [
        await anon.review(id, approve),
        await anon.get(`/api/referrals/${id}`),
        await anon.get('/api/referrals'),
      ]) {
        expect(res.status).toBe(401);
        expect(res.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      }
    }

    // None of that moved the referral.
    const after = await h.api.referral(id);
    expect(after.status).toBe('pending_review');
    expect(after.pendingReview?.kind).toBe('review');
    expect((await h.api.audit(id)).some((e) => e.action === 'review.decided')).toBe(false);
  });

  it('two concurrent approvals with different keys: one 200, one 409, one message', async () => {
    const { id } = await createReferralAwaitingReview(h);
    const [a, b] = [randomUUID(), randomUUID()];
    const results = await Promise.all([
      h.api.review(id, { decision: 'approve' }, a),
      h.api.review(id, { decision: 'approve' }, b),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winnerIndex = results.findIndex((r) => r.status === 200);
    const winner = results[winnerIndex];
    const loser = results[1 - winnerIndex];
    expect(winner?.json).toMatchObject({ referralId: id, decision: 'approve', status: 'approved' });
    expect(loser?.json).toMatchObject({ error: { code: 'CONFLICT' } });

    await waitForMessages(h.ehr, id, 1);
    await settle(h);
    expect(await h.ehr.messages(id)).toHaveLength(1);
    const audit = await h.api.audit(id);
    expect(audit.filter((e) => e.action === 'review.decided')).toHaveLength(1);
    expect(
      audit.filter(
        (e) =>
          e.action === 'referral.transition' &&
          e.data.to === 'approved' &&
          e.data.from !== 'approved',
      ),
    ).toHaveLength(1);

    // The winner's key replayed: the same answer, nothing new happens.
    const winnerKey = winnerIndex === 0 ? a : b;
    const replay = await h.api.review(id, { decision: 'approve' }, winnerKey);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(winner?.text);
    // The same key with other parameters is refused.
    const mismatch = await h.api.review(id, { decision: 'reject' }, winnerKey);
    expect(mismatch.status).toBe(422);
    expect(mismatch.json).toMatchObject({ error: { code: 'IDEMPOTENCY_MISMATCH' } });
    // A fresh key on a referral that is no longer pending: 409.
    const late = await h.api.review(id, { decision: 'approve' });
    expect(late.status).toBe(409);

    await settle(h);
    expect(await h.ehr.messages(id)).toHaveLength(1);
    expect((await h.api.audit(id)).filter((e) => e.action === 'review.decided')).toHaveLength(1);
    expect((await waitForStatus(h.api, id, 'sent')).status).toBe('sent');
  });

  it("another practice's coordinator gets the same 404 as for a referral that does not exist", async () => {
    const { id } = await createReferralAwaitingReview(h);
    const other = h.otherPracticeApi;
    const key = randomUUID();

    const pairs = [
      [await other.get(`/api/referrals/${id}`), await other.get('/api/referrals/ref-424242')],
      [
        await other.get(`/api/referrals/${id}/audit`),
        await other.get('/api/referrals/ref-424242/audit'),
      ],
      [
        await other.review(id, { decision: 'approve' }, key),
        await other.review('ref-424242', { decision: 'approve' }, key),
      ],
    ] as const;
    for (const [theirs, missing] of pairs) {
      expect(theirs.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(theirs.text).toBe(missing.text);
      expect(theirs.headers.get('content-type')).toBe(missing.headers.get('content-type'));
      expect(theirs.text).not.toContain(id);
    }
    expect(await other.list()).toEqual([]);
    expect(await other.list('pending_review')).toEqual([]);
    expect(await other.tasks()).toEqual([]);

    // Still pending for its own practice, and the other practice's key did not bind anything here.
    const after = await h.api.referral(id);
    expect(after.status).toBe('pending_review');
    expect((await h.api.decide(id, { decision: 'approve' }, key)).status).toBe('approved');
  });
});
