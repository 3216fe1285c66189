import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createReferralAwaitingReview,
  settle,
  waitForMessages,
  waitForStatus,
  waitForWriteback,
} from '../support/flows.js';
import { COORDINATOR_ACTOR, type Harness, startHarness } from '../support/harness.js';

describe('review decisions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('edit: sends to the other eligible candidate the coordinator chose, with their note', async () => {
    const detail = await createReferralAwaitingReview(h);
    const id = detail.id;
    const other = detail.candidates.find(
      (c) => c.isValid && c.candidateId !== detail.recommendedCandidateId,
    );
    if (!other) throw new Error('the demo referral should have a second eligible candidate');
    const note = 'Patient prefers mornings; e2e-note-7f3a';

    const answer = await h.api.decide(id, {
      decision: 'edit',
      candidateId: other.candidateId,
      note,
    });
    expect(answer).toMatchObject({ referralId: id, decision: 'edit', status: 'approved' });

    const sent = await waitForStatus(h.api, id, 'sent');
    expect(sent.selectedCandidateId).toBe(other.candidateId);
    const [message, ...more] = await waitForMessages(h.ehr, id, 1);
    await settle(h);
    expect(more).toHaveLength(0);
    expect(await h.ehr.messages(id)).toHaveLength(1);
    expect(message?.recipient.npi).toBe(other.npi);
    expect(message?.recipient.address).toBe(other.delivery?.address);
    expect(message?.body).toContain(note);

    const audit = await h.api.audit(id);
    const approved = audit.find(
      (e) => e.action === 'referral.transition' && e.data.to === 'approved',
    );
    expect(approved).toMatchObject({
      actor: COORDINATOR_ACTOR,
      data: { candidateId: other.candidateId, edited: true },
    });
    expect(audit.find((e) => e.action === 'review.decided')?.data).toMatchObject({
      decision: 'edit',
      candidateId: other.candidateId,
      hasNote: true,
    });
    // The note goes to the specialist, never into the audit trail.
    expect(JSON.stringify(audit)).not.toContain('e2e-note-7f3a');
  });

  // A retrieved but ineligible candidate is refused the same way (graph/decisions.test.ts).
  it('edit: refuses a candidate that was not retrieved for this referral (422), nothing changes', async () => {
    const detail = await createReferralAwaitingReview(h);
    const id = detail.id;
    const known = detail.candidates[0];
    expect(known?.isValid).toBe(true);

    for (const candidateId of [`${known?.npi}@loc-elsewhere`, '9999999999@loc-nowhere']) {
      const res = await h.api.review(id, { decision: 'edit', candidateId, note: 'n' });
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({
        error: { code: 'VALIDATION_FAILED', issues: [{ path: 'candidateId' }] },
      });
    }

    const after = await h.api.referral(id);
    expect(after.status).toBe('pending_review');
    expect(after.pendingReview?.interruptId).toBe(detail.pendingReview?.interruptId);
    expect((await h.api.list('pending_review')).map((r) => r.id)).toEqual([id]);
    await settle(h);
    expect(await h.ehr.messages(id)).toEqual([]);
    expect((await h.api.audit(id)).filter((e) => e.action === 'review.decided')).toEqual([]);

    // The gate still works afterwards.
    expect((await h.api.decide(id, { decision: 'approve' })).status).toBe('approved');
  });

  it('reject offers the next candidates without the rejected one; cancel ends it; no message is sent', async () => {
    const detail = await createReferralAwaitingReview(h);
    const id = detail.id;
    const rejected = detail.candidates.find((c) => c.candidateId === detail.recommendedCandidateId);

    const answer = await h.api.decide(id, { decision: 'reject', note: 'Seen there before' });
    expect(answer).toEqual({
      referralId: id,
      decision: 'reject',
      status: 'pending_review',
      pending: 'review',
    });
    const again = await h.api.referral(id);
    expect(again.candidates.some((c) => c.npi === rejected?.npi)).toBe(false);

    const cancelled = await h.api.decide(id, { decision: 'cancel' }, `cancel-${id}`);
    expect(cancelled).toEqual({
      referralId: id,
      decision: 'cancel',
      status: 'cancelled',
      pending: null,
    });
    expect(await waitForWriteback(h.ehr, id, 'cancelled')).toEqual([
      'search_initiated',
      'candidates_identified',
      'pending_review',
      'rejected',
      'search_initiated',
      'candidates_identified',
      'pending_review',
      'cancelled',
    ]);
    await settle(h);
    expect(await h.ehr.messages(id)).toEqual([]);
    const audit = await h.api.audit(id);
    expect(
      audit.find((e) => e.action === 'referral.transition' && e.data.to === 'rejected')?.actor,
    ).toBe(COORDINATOR_ACTOR);
    expect(audit.some((e) => e.action === 'message.queued')).toBe(false);
  });
});
