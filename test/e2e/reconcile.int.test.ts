import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createReferralAwaitingReview,
  settle,
  waitForReviewQueue,
  waitForStatus,
  waitForWriteback,
} from '../support/flows.js';
import {
  DEMO_PRACTICE_ID,
  type Harness,
  type StoreKind,
  startHarness,
} from '../support/harness.js';
import { waitFor } from '../support/wait-for.js';
import { newWebhookId, referralEvent } from '../support/webhooks.js';

/** Waits until the sandbox logs a webhook of `type` for the referral as dropped (never sent). */
function waitForDropped(h: Harness, referralId: string, type: string) {
  return waitFor(
    async () =>
      (await h.ehr.webhooks()).find(
        (d) => d.referral_id === referralId && d.type === type && d.dropped && !d.delivered,
      ),
    { what: `the sandbox to drop ${type} for ${referralId}` },
  );
}

describe.each<StoreKind>(['sqlite', 'postgres'])('reconciling missed webhooks (%s)', (store) => {
  let h: Harness;
  beforeEach(async () => {
    // The periodic pass stays off (the harness's default): the test runs each pass itself.
    h = await startHarness({ store });
  });
  afterEach(async () => {
    await h.close();
  });

  it('starts a referral whose referral.created the EHR dropped, once', async () => {
    await h.ehr.dropWebhooks(1, ['referral.created']);
    const { id } = await h.ehr.createReferral();
    await waitForDropped(h, id, 'referral.created');
    await settle(h);
    expect((await h.api.get(`/api/referrals/${id}`)).status).toBe(404);
    expect(await h.api.list()).toEqual([]);

    expect(await h.service.reconcile()).toMatchObject({ ok: true, changes: 1, started: 1 });
    await waitForReviewQueue(h, id);
    await settle(h);
    // Our write-backs moved it in the feed: the next pass sees them, and only them.
    expect(await h.service.reconcile()).toMatchObject({
      ok: true,
      changes: 1,
      started: 0,
      applied: 0,
      duplicates: 0,
      skipped: { in_step: 1 },
    });
    // The lost webhook turns up after all (the EHR resent it under a new id): one thread still.
    const lateId = newWebhookId();
    const late = await h.postWebhook({
      id: lateId,
      body: referralEvent('referral.created', { referral_id: id, practice_id: DEMO_PRACTICE_ID }),
    });
    expect(late.status).toBe(202);
    await settle(h);

    expect((await h.api.list()).map((r) => r.id)).toEqual([id]);
    expect((await h.api.referral(id)).status).toBe('pending_review');
    const audit = await h.api.audit(id);
    expect(
      audit.filter((e) => e.action === 'webhook.accepted').map((e) => e.data.webhookId),
    ).toEqual([`reconcile|practice-demo|${id}|created`, lateId]);
    expect(
      audit.filter((e) => e.action === 'referral.transition' && e.data.to === 'search_initiated'),
    ).toHaveLength(1);
  });

  it('applies a referral.cancelled the EHR dropped, and takes its own write-back as no news', async () => {
    const { id } = await createReferralAwaitingReview(h);
    await settle(h);
    expect(await h.service.reconcile()).toMatchObject({ ok: true, started: 0, applied: 0 });

    await h.ehr.dropWebhooks(1, ['referral.cancelled']);
    await h.ehr.cancelReferral(id, 'Patient moved out of state');
    await waitForDropped(h, id, 'referral.cancelled');
    await settle(h);
    expect((await h.api.referral(id)).status).toBe('pending_review');

    expect(await h.service.reconcile()).toMatchObject({ ok: true, changes: 1, applied: 1 });
    await waitForStatus(h.api, id, 'cancelled');
    await waitForWriteback(h.ehr, id, 'cancelled');
    await settle(h);
    expect(await h.service.reconcile()).toMatchObject({
      ok: true,
      applied: 0,
      duplicates: 0,
      skipped: { in_step: 1 },
    });
    const audit = await h.api.audit(id);
    expect(audit.filter((e) => e.action === 'webhook.accepted').map((e) => e.data.type)).toEqual([
      'referral.created',
      'referral.cancelled',
    ]);
  });

  it('survives the EHR being down: the pass fails, nothing moves, the next one catches up', async () => {
    await h.ehr.dropWebhooks(1, ['referral.created']);
    const { id } = await h.ehr.createReferral();
    await waitForDropped(h, id, 'referral.created');
    await h.ehr.fault('ehr', 'down');
    expect(await h.service.reconcile()).toMatchObject({
      ok: false,
      code: 'UPSTREAM_UNAVAILABLE',
      started: 0,
    });
    await h.ehr.resetFaults();
    expect(await h.service.reconcile()).toMatchObject({ ok: true, started: 1 });
    await waitForReviewQueue(h, id);
  });
});
