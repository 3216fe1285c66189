import { afterEach, describe, expect, it } from 'vitest';
import { HumanInterrupt } from '../../src/domain/index.js';
import {
  createReferralAwaitingReview,
  MAIN_PATH,
  waitForMessages,
  waitForReviewQueue,
  waitForStatus,
  waitForWriteback,
} from '../support/flows.js';
import {
  COORDINATOR_ACTOR,
  type Harness,
  type StoreKind,
  startHarness,
} from '../support/harness.js';
import { waitFor } from '../support/wait-for.js';

describe.each<StoreKind>(['sqlite', 'postgres'])('happy path (%s)', (store) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('takes a referral from the EHR through review to sent, then scheduled', async () => {
    h = await startHarness({ store });
    const health = await h.api.get<{ store: string }>('/health');
    expect(health.json.store).toBe(store);

    const created = await h.ehr.createReferral();
    const id = created.id;
    const detail = await waitForReviewQueue(h, id);

    // The review queue: status, mode and inferred type.
    const queued = (await h.api.list('pending_review')).find((r) => r.id === id);
    expect(queued).toMatchObject({ status: 'pending_review', pending: 'review', mode: 'assist' });
    expect(queued?.referralType).toBe('retina');

    // Candidates with their reasons and checks; isValid is every check passing.
    expect(detail.candidates.length).toBeGreaterThan(1);
    for (const c of detail.candidates) {
      expect(c.reasons.length).toBeGreaterThan(0);
      expect(Object.keys(c.checks).sort()).toEqual([
        'acceptingNewPatients',
        'inNetwork',
        'reachable',
        'speaksPatientLanguage',
        'specialtyMatches',
        'withinDistance',
      ]);
      // Language is a preference (an interpreter can be booked), not a hard constraint.
      const { speaksPatientLanguage: _soft, ...hard } = c.checks;
      expect(c.isValid).toBe(Object.values(hard).every(Boolean));
      expect(c.explanation.length).toBeGreaterThan(0);
    }
    const recommended = detail.candidates.find(
      (c) => c.candidateId === detail.recommendedCandidateId,
    );
    expect(recommended?.isValid).toBe(true);

    // The gate is an Agent Inbox HumanInterrupt.
    const gate = detail.pendingReview;
    expect(gate?.kind).toBe('review');
    const request = HumanInterrupt.parse(gate?.request);
    expect(request.action_request.action).toBe('send_referral');
    expect(request.config.allow_accept).toBe(true);
    expect(request.action_request.args.candidate_id).toBe(detail.recommendedCandidateId);
    expect(request.action_request.args.referral_id).toBe(id);

    // Approve.
    const answer = await h.api.decide(id, { decision: 'approve' }, `approve-${id}`);
    expect(answer).toEqual({
      referralId: id,
      decision: 'approve',
      status: 'sent',
      pending: 'await-response',
    });
    const sent = await waitForStatus(h.api, id, 'sent');
    expect(sent.selectedCandidateId).toBe(recommended?.candidateId);
    expect(sent.pending).toBe('await-response');

    // Exactly one message, to the selected specialist.
    const messages = await waitForMessages(h.ehr, id, 1);
    await h.service.drain();
    expect(await h.ehr.messages(id)).toHaveLength(1);
    expect(messages[0]?.recipient.npi).toBe(recommended?.npi);
    expect(messages[0]?.referral_id).toBe(id);
    // And one message to the patient, in their language, through the EHR.
    const toPatient = await waitFor(
      async () => {
        const got = await h?.ehr.patientMessages(id);
        return got?.length ? got : undefined;
      },
      { what: "the patient's message" },
    );
    expect(toPatient).toHaveLength(1);
    expect(toPatient[0]).toMatchObject({ referral_id: id, language: 'en' });

    // Every status written back to the EHR, once each, in order.
    expect(await waitForWriteback(h.ehr, id, 'sent')).toEqual(MAIN_PATH);

    // The specialist schedules.
    await h.ehr.specialistResponse(id, { type: 'scheduled' });
    await waitForStatus(h.api, id, 'scheduled');
    // The gate mirror in the index is updated when the run ends, a moment after the status.
    const scheduled = await waitFor(
      async () => {
        const d = await h?.api.referral(id);
        return d?.pending === null ? d : undefined;
      },
      { what: 'the await-response gate to close' },
    );
    expect(scheduled.status).toBe('scheduled');
    expect(scheduled.pendingReview).toBeNull();
    expect(await waitForWriteback(h.ehr, id, 'scheduled')).toEqual([...MAIN_PATH, 'scheduled']);

    // The audit trail.
    const audit = await waitFor(
      async () => {
        const all = await h?.api.audit(id);
        const delivered = all?.filter((e) => e.action === 'writeback.delivered').length ?? 0;
        // The EHR holds a write-back a moment before the relay records its delivery.
        return all?.some((e) => e.action === 'thread.ended') && delivered === MAIN_PATH.length + 1
          ? all
          : undefined;
      },
      { what: 'the thread to end and every write-back to be recorded as delivered' },
    );
    const seqs = audit.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const transitions = audit
      .filter((e) => e.action === 'referral.transition')
      .map((e) => e.data.to);
    expect(transitions).toEqual([...MAIN_PATH, 'scheduled']);
    const tools = new Set(audit.filter((e) => e.action === 'tool.called').map((e) => e.data.tool));
    expect([...tools]).toEqual(
      expect.arrayContaining(['get_referral', 'get_patient', 'search_specialists']),
    );
    const decided = audit.filter((e) => e.action === 'review.decided');
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({
      actor: COORDINATOR_ACTOR,
      data: { decision: 'approve', gate: 'review' },
    });
    const approvedBy = audit.find(
      (e) => e.action === 'referral.transition' && e.data.to === 'approved',
    );
    expect(approvedBy?.actor).toBe(COORDINATOR_ACTOR);
    const writebacks = (action: string) =>
      audit.filter((e) => e.action === action).map((e) => e.data.status);
    expect(writebacks('writeback.queued')).toEqual([...MAIN_PATH, 'scheduled']);
    expect(writebacks('writeback.delivered').sort()).toEqual([...MAIN_PATH, 'scheduled'].sort());
    const kinds = (action: string) =>
      audit.filter((e) => e.action === action).map((e) => e.data.kind);
    expect(kinds('message.queued')).toEqual(['specialist_message', 'patient_message']);
    expect(kinds('message.delivered').sort()).toEqual(['patient_message', 'specialist_message']);
    expect(audit.filter((e) => e.action === 'webhook.accepted')).toHaveLength(2);
  });
});

describe('specialist declines', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('re-matches without the declined specialist and comes back for review', async () => {
    h = await startHarness();
    const first = await createReferralAwaitingReview(h);
    const id = first.id;
    await h.api.decide(id, { decision: 'approve' });
    const sent = await waitForStatus(h.api, id, 'sent');
    const declinedNpi = sent.candidates.find(
      (c) => c.candidateId === sent.selectedCandidateId,
    )?.npi;
    expect(declinedNpi).toMatch(/^\d{10}$/);
    await waitForMessages(h.ehr, id, 1);

    await h.ehr.specialistResponse(id, { type: 'declined', note: 'Not taking this case' });
    const again = await waitForReviewQueue(h, id);
    expect(again.status).toBe('pending_review');
    expect(again.candidates.length).toBeGreaterThan(0);
    expect(again.candidates.map((c) => c.npi)).not.toContain(declinedNpi);
    expect(again.recommendedCandidateId).not.toBeNull();
    expect(again.selectedCandidateId).toBeNull();
    const request = HumanInterrupt.parse(again.pendingReview?.request);
    expect(request.action_request.args.candidates).not.toContain(sent.selectedCandidateId);
    expect((await h.api.list('pending_review')).map((r) => r.id)).toContain(id);

    const history = await waitForWriteback(h.ehr, id, 'pending_review');
    expect(history).toEqual([
      ...MAIN_PATH,
      'declined',
      'search_initiated',
      'candidates_identified',
      'pending_review',
    ]);
    expect(await h.ehr.messages(id)).toHaveLength(1);
  });
});
