import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReferralAwaitingReview, settle, waitForReviewQueue } from '../support/flows.js';
import {
  DEMO_PRACTICE_ID,
  type Harness,
  OTHER_PRACTICE_ID,
  startHarness,
} from '../support/harness.js';
import { RETINA_REFERRAL } from '../support/sandbox-api.js';
import { newWebhookId, newWebhookSecret, referralEvent } from '../support/webhooks.js';

/** A referral that exists in the EHR but whose own `referral.created` was never sent. */
function quietReferral(h: Harness): string {
  return h.sandbox.world.createReferral({
    ...RETINA_REFERRAL,
    diagnosis_codes: ['H35.3211'],
    urgency: 'routine',
  }).id;
}

describe('webhook intake', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('a replayed webhook (same webhook-id) gets the same 202 and starts nothing new', async () => {
    const id = quietReferral(h);
    const webhookId = newWebhookId();
    const body = referralEvent('referral.created', {
      referral_id: id,
      practice_id: DEMO_PRACTICE_ID,
    });

    const first = await h.postWebhook({ id: webhookId, body });
    // The second delivery is signed afresh, a second later, like a sender's retry.
    const second = await h.postWebhook({ id: webhookId, body, at: new Date(Date.now() + 1000) });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(first.json).toEqual({ status: 'accepted', webhook_id: webhookId });
    expect(second.text).toBe(first.text);

    await waitForReviewQueue(h, id);
    const third = await h.postWebhook({ id: webhookId, body });
    expect(third.text).toBe(first.text);
    await settle(h);

    expect((await h.api.list()).map((r) => r.id)).toEqual([id]);
    const audit = await h.api.audit(id);
    expect(audit.filter((e) => e.action === 'webhook.accepted')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'webhook.duplicate')).toHaveLength(2);
    expect(
      audit.filter((e) => e.action === 'tool.called' && e.data.tool === 'get_referral'),
    ).toHaveLength(1);
    expect(
      audit.filter((e) => e.action === 'referral.transition' && e.data.to === 'pending_review'),
    ).toHaveLength(1);
    expect(await h.ehr.statuses(id)).toEqual([
      'search_initiated',
      'candidates_identified',
      'pending_review',
    ]);
  });

  it('a second event id for the same referral (EHR resent it) still makes one thread', async () => {
    const id = quietReferral(h);
    const body = referralEvent('referral.created', {
      referral_id: id,
      practice_id: DEMO_PRACTICE_ID,
    });
    const answers = await Promise.all([h.postWebhook({ body }), h.postWebhook({ body })]);
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    await waitForReviewQueue(h, id);
    await settle(h);
    expect((await h.api.list()).map((r) => r.id)).toEqual([id]);
    const audit = await h.api.audit(id);
    expect(audit.filter((e) => e.action === 'webhook.accepted')).toHaveLength(2);
    expect(
      audit.filter((e) => e.action === 'referral.transition' && e.data.to === 'search_initiated'),
    ).toHaveLength(1);
  });

  it('a signed event naming another practice changes nothing of the referral, here or in the EHR', async () => {
    const { id } = await createReferralAwaitingReview(h);
    await settle(h);
    const before = {
      detail: await h.api.referral(id),
      ehrStatuses: await h.ehr.statuses(id),
      ehrTasks: await h.ehr.tasks(id),
    };
    for (const type of ['referral.created', 'referral.scheduled'] as const) {
      const res = await h.postWebhook({
        body: referralEvent(type, { referral_id: id, practice_id: OTHER_PRACTICE_ID }),
      });
      expect(res.status).toBe(202);
    }
    await settle(h);
    expect(await h.api.referral(id)).toEqual(before.detail);
    expect(await h.ehr.statuses(id)).toEqual(before.ehrStatuses);
    expect(await h.ehr.tasks(id)).toEqual(before.ehrTasks);
    expect((await h.otherPracticeApi.get(`/api/referrals/${id}`)).status).toBe(404);
    expect(await h.otherPracticeApi.tasks()).toEqual([]);
    expect((await h.api.tasks()).map((t) => [t.kind, t.referralId])).toEqual([
      ['unknown_referral', id],
    ]);
  });

  it('events for ids the EHR does not know fan out to nothing: one task per id, no referral, nothing to the EHR', async () => {
    const ghosts = ['ref-ghost-1', 'ref-ghost-2'];
    for (const referralId of ghosts) {
      for (let i = 0; i < 5; i++) {
        const body = referralEvent('referral.created', {
          referral_id: referralId,
          practice_id: DEMO_PRACTICE_ID,
        });
        expect((await h.postWebhook({ body })).status).toBe(202);
      }
    }
    await settle(h);
    expect(await h.api.list()).toEqual([]);
    expect((await h.api.tasks()).map((t) => [t.kind, t.referralId]).sort()).toEqual(
      ghosts.map((g) => ['unknown_referral', g]),
    );
    for (const referralId of ghosts) {
      expect(await h.ehr.tasks(referralId)).toEqual([]);
    }
  });

  it('refuses bad signatures with 401 and records nothing', async () => {
    const id = quietReferral(h);
    const body = referralEvent('referral.created', {
      referral_id: id,
      practice_id: DEMO_PRACTICE_ID,
    });
    const attempts = [
      h.postWebhook({ body, secret: newWebhookSecret() }),
      h.postWebhook({ body, at: new Date(Date.now() - 6 * 60_000) }),
      h.postWebhook({ body, at: new Date(Date.now() + 6 * 60_000) }),
      h.postWebhook({ body, omit: ['webhook-signature'] }),
      h.postWebhook({ body, omit: ['webhook-id'] }),
      h.postWebhook({ body, omit: ['webhook-timestamp'] }),
      h.postWebhook({ body, omit: ['webhook-id', 'webhook-timestamp', 'webhook-signature'] }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
    // A valid signature over a different body is no signature for this one.
    const signedOther = referralEvent('referral.created', {
      referral_id: 'ref-000999',
      practice_id: DEMO_PRACTICE_ID,
    });
    const tampered = await h.postWebhook({ body, signedBody: signedOther });
    expect(tampered.status).toBe(401);

    await settle(h);
    expect(await h.api.list()).toEqual([]);
    expect(await h.api.tasks()).toEqual([]);
    expect((await h.api.get(`/api/referrals/${id}`)).status).toBe(404);
    expect(await h.ehr.statuses(id)).toEqual([]);
  });

  it('refuses malformed bodies: 400 not JSON, 422 wrong shape (no echo), 415, 413', async () => {
    const canary = 'CANARY-5b1e-do-not-echo';

    const notJson = await h.postWebhook({ body: '{"type": "referral.created", ' });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ error: { code: 'BAD_REQUEST' } });

    const shapes: { body: unknown; paths: string[] }[] = [
      {
        body: {
          type: 'referral.created',
          timestamp: new Date().toISOString(),
          data: { practice_id: DEMO_PRACTICE_ID, note: canary },
        },
        paths: ['data.referral_id'],
      },
      {
        body: {
          type: `referral.${canary}`,
          timestamp: new Date().toISOString(),
          data: { referral_id: 'ref-000001', practice_id: DEMO_PRACTICE_ID },
        },
        paths: ['type'],
      },
      {
        body: {
          type: 'referral.created',
          timestamp: canary,
          data: { referral_id: `${canary} with spaces`, practice_id: DEMO_PRACTICE_ID },
          [canary]: canary,
        },
        paths: ['timestamp', 'data.referral_id'],
      },
    ];
    for (const shape of shapes) {
      const res = await h.postWebhook({ body: JSON.stringify(shape.body) });
      expect(res.status).toBe(422);
      const error = (res.json as { error: { code: string; issues: { path: string }[] } }).error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(shape.paths));
      expect(res.text).not.toContain(canary);
      expect(res.text).not.toContain('CANARY');
    }

    const event = referralEvent('referral.created', {
      referral_id: 'ref-000001',
      practice_id: DEMO_PRACTICE_ID,
    });
    const textPlain = await h.postWebhook({ body: event, contentType: 'text/plain' });
    expect(textPlain.status).toBe(415);
    expect(textPlain.json).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });

    const huge = JSON.stringify({
      type: 'referral.created',
      timestamp: new Date().toISOString(),
      data: { referral_id: 'ref-000001', practice_id: DEMO_PRACTICE_ID, note: 'x'.repeat(70_000) },
    });
    expect(Buffer.byteLength(huge)).toBeGreaterThan(64 * 1024);
    const tooLarge = await h.postWebhook({ body: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(tooLarge.text.length).toBeLessThan(1000);

    await settle(h);
    expect(await h.api.list()).toEqual([]);
    expect(await h.api.tasks()).toEqual([]);
  });
});
