import { afterEach, describe, expect, it } from 'vitest';
import { HumanInterrupt } from '../../src/domain/index.js';
import { buildConsultNoteXml } from '../support/ccda-documents.js';
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
  HL7_KEY,
  type StoreKind,
  startHarness,
} from '../support/harness.js';
import { buildHl7Message } from '../support/hl7-messages.js';
import { sendMllp } from '../support/mllp-client.js';
import { waitFor } from '../support/wait-for.js';

describe.each<StoreKind>(['sqlite', 'postgres'])('happy path (%s)', (store) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('takes a referral from the EHR through review and sending to a closed loop (HL7 over MLLP and HTTP)', async () => {
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

    // Approve: queued, and `sent` once the channel (the EHR's messaging) accepted the packet.
    const answer = await h.api.decide(id, { decision: 'approve' }, `approve-${id}`);
    expect(answer).toMatchObject({ referralId: id, decision: 'approve' });
    expect(['approved', 'sent']).toContain(answer.status);
    const sent = await waitForStatus(h.api, id, 'sent');
    expect(sent.selectedCandidateId).toBe(recommended?.candidateId);

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
    expect(await waitForWriteback(h.ehr, id, 'sent')).toEqual(MAIN_PATH);
    const waiting = await waitFor(
      async () => {
        const d = await h?.api.referral(id);
        return d?.pending === 'await-response' ? d : undefined;
      },
      { what: 'the wait for the office' },
    );
    expect(waiting.waiting).toMatchObject({ kind: 'await-response', timer: 'acknowledgement' });

    // The specialist schedules (the EHR's webhook).
    const appointmentAt = '2026-12-10T14:00:00.000Z';
    await h.ehr.specialistResponse(id, { type: 'scheduled', appointment_at: appointmentAt });
    await waitForStatus(h.api, id, 'scheduled');

    // The visit, over MLLP: matched by the patient and the specialist (no placer number in an ADT).
    const patient = h.sandbox.world.patients.get(created.patient_id);
    if (!patient || !recommended) throw new Error('expected the patient and the specialist');
    const who = {
      mrn: patient.mrn,
      family: patient.family_name,
      given: patient.given_name,
      birthDate: patient.birth_date,
      npi: recommended.npi,
    };
    const visit = buildHl7Message({
      type: 'ADT^A04',
      controlId: `V-${id}`,
      placerId: null,
      eventAt: appointmentAt,
      ...who,
    });
    const visitAck = await sendMllp(h.service.mllpPort, visit);
    expect(visitAck).toMatch(new RegExp(`\\rMSA\\|AA\\|V-${id}`));
    await waitForStatus(h.api, id, 'seen');

    // The consult note, over HTTP, quoting our id: stored, summarized, filed in the EHR, loop closed.
    const note = buildConsultNoteXml({
      placerId: id,
      encounterDate: '2026-12-10',
      author: { given: 'Rosa', family: 'Vitreo', npi: recommended.npi },
      patient: {
        ids: [patient.mrn],
        given: patient.given_name,
        family: patient.family_name,
        birthDate: patient.birth_date,
      },
      assessment: 'Neovascular AMD, left eye, active.',
      plan: 'Intravitreal anti-VEGF today; return in 4 weeks.',
    });
    const mdm = buildHl7Message({
      type: 'MDM^T02',
      controlId: `N-${id}`,
      placerId: id,
      document: { format: 'ccda', content: note },
      ...who,
    });
    const posted = await fetch(`${h.service.url}/hl7/v2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HL7_KEY}`, 'content-type': 'application/hl7-v2' },
      body: mdm,
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toMatch(new RegExp(`\\rMSA\\|AA\\|N-${id}`));
    const closed = await waitForStatus(h.api, id, 'closed');
    expect(closed.consultNote).toMatchObject({
      authorNpi: recommended.npi,
      encounterDate: '2026-12-10',
    });
    expect(closed.consultNote?.summary).toContain('anti-VEGF');
    await h.service.drain();
    const filed = await waitFor(
      async () => {
        const docs = await h?.ehr.documents(id);
        return docs?.length ? docs : undefined;
      },
      { what: 'the consult note filed in the EHR' },
    );
    expect(filed[0]).toMatchObject({
      content_type: 'application/xml',
      author_npi: recommended.npi,
    });
    const LOOP = [...MAIN_PATH, 'scheduled', 'seen', 'consult_received', 'closed'];
    expect(await waitForWriteback(h.ehr, id, 'closed')).toEqual(LOOP);

    // The audit trail.
    const audit = await waitFor(
      async () => {
        const all = await h?.api.audit(id);
        const delivered = all?.filter((e) => e.action === 'writeback.delivered').length ?? 0;
        // The EHR holds a write-back a moment before the relay records its delivery.
        return all?.some((e) => e.action === 'thread.ended') && delivered === LOOP.length
          ? all
          : undefined;
      },
      { what: 'the thread to end and every write-back to be recorded as delivered' },
    );
    const seqs = audit.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const transitions = audit
      .filter((e) => e.action === 'referral.transition' && e.data.from !== e.data.to)
      .map((e) => e.data.to);
    expect(transitions).toEqual(LOOP);
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
    expect(writebacks('writeback.queued')).toEqual(LOOP);
    expect(writebacks('writeback.delivered').sort()).toEqual([...LOOP].sort());
    const kinds = (action: string) =>
      audit.filter((e) => e.action === action).map((e) => e.data.kind);
    expect(kinds('message.queued')).toEqual([
      'specialist_message',
      'patient_message',
      'ehr_document',
    ]);
    expect(kinds('message.delivered').sort()).toEqual(['patient_message', 'specialist_message']);
    expect(kinds('document.filed')).toEqual(['ehr_document']);
    expect(audit.filter((e) => e.action === 'webhook.accepted')).toHaveLength(2);
    expect(audit.filter((e) => e.action === 'hl7.received').map((e) => e.data.disposition)).toEqual(
      ['applied', 'applied'],
    );
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
