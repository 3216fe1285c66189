import { afterEach, describe, expect, it } from 'vitest';
import { settle, waitForMessages, waitForStatus, waitForWriteback } from '../support/flows.js';
import { type Harness, startHarness } from '../support/harness.js';
import { waitFor } from '../support/wait-for.js';

describe('rollout modes', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('shadow: recommends, but nothing reaches the EHR, a reviewer or a specialist', async () => {
    h = await startHarness({ env: { ROLLOUT_MODES: JSON.stringify({ retina: 'shadow' }) } });
    const harness = h;
    const { id } = await harness.ehr.createReferral();

    const audit = await waitFor(
      async () => {
        const all = await harness.api.audit(id);
        return all.some((e) => e.action === 'thread.ended') ? all : undefined;
      },
      { what: `the shadow run of ${id} to end` },
    );
    const detail = await harness.api.referral(id);
    expect(detail.mode).toBe('shadow');
    expect(detail.referralType).toBe('retina');
    expect(detail.candidates.length).toBeGreaterThan(0);
    expect(detail.recommendedCandidateId).not.toBeNull();
    expect(detail.pending).toBeNull();
    expect(detail.pendingReview).toBeNull();
    expect(detail.status).toBe('candidates_identified');
    expect(await harness.api.list('pending_review')).toEqual([]);
    expect(audit.some((e) => e.action === 'writeback.queued')).toBe(false);
    expect(audit.some((e) => e.action === 'message.queued')).toBe(false);

    await settle(harness);
    const ehrReferral = await harness.ehr.referral(id);
    expect(ehrReferral.status_history).toEqual([]);
    expect(ehrReferral.status).toBe('created');
    expect(await harness.ehr.messages(id)).toEqual([]);
    expect(await harness.ehr.tasks(id)).toEqual([]);
  });

  it('autonomous: a clean recommendation is sent without a review', async () => {
    h = await startHarness({ env: { ROLLOUT_MODES: JSON.stringify({ retina: 'autonomous' }) } });
    const { id } = await h.ehr.createReferral();

    const sent = await waitForStatus(h.api, id, 'sent');
    expect(sent.mode).toBe('autonomous');
    expect(sent.selectedCandidateId).toBe(sent.recommendedCandidateId);
    const recommended = sent.candidates.find((c) => c.candidateId === sent.recommendedCandidateId);
    const [message] = await waitForMessages(h.ehr, id, 1);
    expect(message?.recipient.npi).toBe(recommended?.npi);

    expect(await waitForWriteback(h.ehr, id, 'sent')).toEqual([
      'search_initiated',
      'candidates_identified',
      'approved',
      'sent',
    ]);
    await settle(h);
    expect(await h.ehr.messages(id)).toHaveLength(1);

    const audit = await h.api.audit(id);
    const approved = audit.filter(
      (e) =>
        e.action === 'referral.transition' &&
        e.data.to === 'approved' &&
        e.data.from !== 'approved',
    );
    expect(approved).toEqual([
      expect.objectContaining({
        actor: 'system:autonomous',
        data: expect.objectContaining({ auto: true }),
      }),
    ]);
    expect(audit.some((e) => e.action === 'review.decided')).toBe(false);
    expect(
      audit.some((e) => e.action === 'referral.transition' && e.data.to === 'pending_review'),
    ).toBe(false);
  });

  it('a mode for another specialty leaves retina in assist (waits for review)', async () => {
    h = await startHarness({ env: { ROLLOUT_MODES: JSON.stringify({ glaucoma: 'autonomous' }) } });
    const { id } = await h.ehr.createReferral();
    const detail = await waitForStatus(h.api, id, 'pending_review');
    expect(detail.mode).toBe('assist');
  });
});
