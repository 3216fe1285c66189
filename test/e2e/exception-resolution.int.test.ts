import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Task } from '../../src/http/schemas.js';
import type { Detail } from '../support/api.js';
import {
  settle,
  waitForMessages,
  waitForReviewQueue,
  waitForStatus,
  waitForWriteback,
} from '../support/flows.js';
import { COORDINATOR_ACTOR, type Harness, startHarness } from '../support/harness.js';
import { RETINA_REFERRAL } from '../support/sandbox-api.js';
import { waitFor } from '../support/wait-for.js';

const UNMAPPED = { reason: 'Follow-up as discussed', diagnosis_codes: ['Z01.00'] };

function waitForException(h: Harness, id: string): Promise<Detail> {
  return waitFor(
    async () => {
      const detail = await h.api.referral(id);
      return detail.pending === 'exception' && detail.pendingReview?.kind === 'exception'
        ? detail
        : undefined;
    },
    { what: `${id} to stop at an exception gate` },
  );
}

describe('resolving an exception by hand', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('an unmapped referral, given a specialty by the coordinator, is matched, approved and sent', async () => {
    const { id } = await h.ehr.createReferral({ ...RETINA_REFERRAL, ...UNMAPPED });
    const parked = await waitForException(h, id);
    expect(parked.exception).toMatchObject({ reason: 'specialty_unmapped', stage: 'match' });
    expect(parked.pendingReview?.request).toMatchObject({ config: { allow_edit: true } });

    // Refused, each naming its field, and nothing moves: an unknown key, two choices at once.
    for (const [body, path] of [
      [{ decision: 'retry', specialty: 'retinology' }, 'specialty'],
      [{ decision: 'retry', specialty: 'retina', npi: '1234567893' }, 'npi'],
      [{ decision: 'retry', npi: '1234567893' }, 'npi'],
    ] as const) {
      const res = await h.api.review(id, body);
      expect(res.status, res.text).toBe(422);
      expect(res.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', issues: [{ path }] } });
    }
    expect((await h.viewerApi.review(id, { decision: 'retry', specialty: 'retina' })).status).toBe(
      403,
    );
    expect((await h.api.referral(id)).pendingReview?.interruptId).toBe(
      parked.pendingReview?.interruptId,
    );

    const answer = await h.api.decide(id, { decision: 'retry', specialty: 'retina' });
    expect(answer).toMatchObject({ referralId: id, decision: 'retry', status: 'pending_review' });
    const reviewed = await waitForReviewQueue(h, id);
    expect(reviewed.exception).toBeNull();
    expect(reviewed.referralType).toBe('retina');
    expect(reviewed.specialty).toMatchObject({ source: 'coordinator', confidence: 'high' });
    expect(reviewed.specialty?.specialties[0]).toMatchObject({ key: 'retina', tier: 'preferred' });
    const recommended = reviewed.candidates.find(
      (c) => c.candidateId === reviewed.recommendedCandidateId,
    );
    expect(recommended).toMatchObject({ isValid: true });

    expect((await h.api.decide(id, { decision: 'approve' })).status).toBe('approved');
    const sent = await waitForStatus(h.api, id, 'sent');
    expect(sent.selectedCandidateId).toBe(recommended?.candidateId);
    const [message] = await waitForMessages(h.ehr, id, 1);
    expect(message?.recipient.npi).toBe(recommended?.npi);
    expect(await waitForWriteback(h.ehr, id, 'sent')).toEqual([
      'search_initiated',
      'exception',
      'search_initiated',
      'candidates_identified',
      'pending_review',
      'approved',
      'sent',
    ]);
    await settle(h);
    expect(await h.ehr.messages(id)).toHaveLength(1);

    const audit = await h.api.audit(id);
    expect(audit.filter((e) => e.action === 'review.decided').map((e) => e.data)).toEqual([
      expect.objectContaining({ decision: 'retry', gate: 'exception', specialty: 'retina' }),
      expect.objectContaining({ decision: 'approve', gate: 'review', specialty: null }),
    ]);
    expect(
      audit.find((e) => e.action === 'referral.transition' && e.data.decision === 'retry'),
    ).toMatchObject({ actor: COORDINATOR_ACTOR, data: { specialty: 'retina' } });

    // Resolving the exception completed its task, as the coordinator who resolved it.
    expect(await h.api.tasks('open')).toEqual([]);
    const [task] = await h.api.tasks('done');
    expect(task).toMatchObject({ referralId: id, kind: 'exception', status: 'done' });
    const completed = (await h.api.audit(id)).find((e) => e.action === 'task.completed');
    expect(completed).toMatchObject({
      actor: COORDINATOR_ACTOR,
      data: { taskId: task?.id, taskKind: 'exception', noteLength: 0 },
    });
    // Completing it again through the API answers with the task, done, and audits nothing more.
    const again = await h.api.post(`/api/tasks/${task?.id}/complete`, undefined, {
      'idempotency-key': `complete-${id}`,
    });
    expect(again.status, again.text).toBe(200);
    expect(Task.parse(again.json)).toMatchObject({ id: task?.id, status: 'done' });
    const audited = (await h.api.audit(id)).filter((e) => e.action === 'task.completed');
    expect(audited).toHaveLength(1);
  });
});
