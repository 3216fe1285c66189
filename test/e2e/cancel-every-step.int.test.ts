import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detail } from '../support/api.js';
import { settle, waitForReviewQueue, waitForStatus, waitForWriteback } from '../support/flows.js';
import {
  DEMO_PRACTICE_ID,
  type Harness,
  HL7_KEY,
  type StoreKind,
  startHarness,
} from '../support/harness.js';
import { buildHl7Message, type Hl7MessageSpec } from '../support/hl7-messages.js';
import { NEW_PATIENT, RETINA_REFERRAL, type SandboxPatient } from '../support/sandbox-api.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The spec: "`cancelled` from the EHR (`referral.cancelled`) or a coordinator at any open step
 * stops the timers and, if the referral was sent, tells the office". One referral per open step
 * and per canceller, over real HTTP against the sandbox EHR; the office steps are driven with
 * HL7 v2 messages, as offices send them.
 *
 * The outbox relay is held (it runs only in `settle`, i.e. `service.drain()`), so a referral can
 * be caught while `approved`, with its packet queued but not yet accepted by the channel.
 */

const STEPS = [
  'pending_review',
  'exception',
  'approved',
  'sent',
  'acknowledged',
  'scheduled',
  'seen',
] as const;
type Step = (typeof STEPS)[number];
type Canceller = 'ehr' | 'coordinator';

/** From `sent` on, the office holds the referral: it is told of a cancellation, and a timer runs. */
const OFFICE_HAS_IT: readonly Step[] = ['sent', 'acknowledged', 'scheduled', 'seen'];

const CASES = STEPS.flatMap((step) =>
  (['ehr', 'coordinator'] as const).map((by): [Step, Canceller] => [step, by]),
);

interface Reached {
  id: string;
  patient: SandboxPatient;
  /** The selected specialist (once approved). */
  npi: string | null;
}

const HOUR = 3_600_000;
/** ISO, whole seconds (as HL7 v2 carries it), `offsetMs` from now. */
const isoIn = (offsetMs: number) =>
  new Date(Math.floor((Date.now() + offsetMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

let patients = 0;
let controls = 0;

describe.each<StoreKind>(['sqlite', 'postgres'])('cancel at every open step (%s)', (store) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store, env: { OUTBOX_POLL_MS: String(HOUR) } });
  });
  afterAll(() => h.close());

  /** One HL7 v2 message from the specialist's office, over HTTP; returns the ACK. */
  async function fromOffice(r: Reached, spec: Omit<Hl7MessageSpec, 'controlId'>): Promise<string> {
    const message = buildHl7Message({
      controlId: `CX-${store}-${++controls}`,
      mrn: r.patient.mrn,
      family: r.patient.family_name,
      given: r.patient.given_name,
      birthDate: r.patient.birth_date,
      ...(r.npi ? { npi: r.npi } : {}),
      offset: '+0000',
      ...spec,
    });
    const res = await fetch(`${h.service.url}/hl7/v2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HL7_KEY}`, 'content-type': 'application/hl7-v2' },
      body: message,
    });
    expect(res.status).toBe(200);
    return res.text();
  }

  /** Waits until the referral is at `status` with `pending` as its open gate (or wait). */
  const waitForGate = (id: string, status: string, pending: string): Promise<Detail> =>
    waitFor(
      async () => {
        const d = await h.api.referral(id);
        return d.status === status && d.pending === pending ? d : undefined;
      },
      { what: `${id} at ${status}, pending ${pending}` },
    );

  /** A referral of its own patient (so messages matched by the patient find only it). */
  async function newReferral(step: Step): Promise<Reached> {
    const patient = await h.ehr.createPatient(
      { ...NEW_PATIENT, family_name: `Cancel-${store}-${++patients}` },
      { coverageFrom: 'pat-0001' },
    );
    const unmapped = { reason: 'Follow-up as discussed', diagnosis_codes: ['Z01.00'] };
    const { id } = await h.ehr.createReferral({
      ...RETINA_REFERRAL,
      patient_id: patient.id,
      ...(step === 'exception' ? unmapped : {}),
    });
    return { id, patient, npi: null };
  }

  /** Drives a new referral to `step` and checks it is there. */
  async function reach(step: Step): Promise<Reached> {
    const r = await newReferral(step);
    if (step === 'exception') {
      const parked = await waitForGate(r.id, 'exception', 'exception');
      expect(parked.exception).toMatchObject({ reason: 'specialty_unmapped' });
      return r;
    }
    const reviewed = await waitForReviewQueue(h, r.id);
    if (step === 'pending_review') return r;
    await h.api.decide(r.id, { decision: 'approve' });
    const approved = await waitForGate(r.id, 'approved', 'await-delivery');
    const chosen = approved.candidates.find((c) => c.candidateId === approved.selectedCandidateId);
    r.npi = chosen?.npi ?? null;
    expect(r.npi ?? reviewed.recommendedCandidateId).toBeTruthy();
    if (step === 'approved') return r;
    await settle(h); // the channel accepts the packet
    await waitForGate(r.id, 'sent', 'await-response');
    if (step === 'sent') return r;
    if (step === 'acknowledged') {
      expect(await fromOffice(r, { type: 'REF^I12', rf1Status: 'A', placerId: r.id })).toMatch(
        /\rMSA\|AA\|/,
      );
      await waitForGate(r.id, 'acknowledged', 'await-response');
      return r;
    }
    const appointmentAt = isoIn(7 * 24 * HOUR);
    expect(await fromOffice(r, { type: 'SIU^S12', placerId: r.id, appointmentAt })).toMatch(
      /\rMSA\|AA\|/,
    );
    await waitForGate(r.id, 'scheduled', 'await-visit');
    if (step === 'scheduled') return r;
    // An ADT carries no placer number: matched by the patient and the specialist's NPI.
    expect(await fromOffice(r, { type: 'ADT^A04', placerId: null, eventAt: isoIn(0) })).toMatch(
      /\rMSA\|AA\|/,
    );
    await waitForGate(r.id, 'seen', 'await-consult');
    return r;
  }

  async function cancel(id: string, by: Canceller): Promise<void> {
    if (by === 'ehr') {
      await h.ehr.cancelReferral(id, 'Patient moved away');
      return;
    }
    const answer = await h.api.decide(id, { decision: 'cancel', note: 'Patient moved away' });
    expect(answer).toMatchObject({ referralId: id, status: 'cancelled', pending: null });
  }

  /** What the office and the EHR have of the referral, and what we still owe them. */
  async function outside(r: Reached) {
    const outbox = await h.service.store.outbox.listForReferral(DEMO_PRACTICE_ID, r.id);
    const messages = await h.ehr.messages(r.id);
    return {
      statuses: await h.ehr.statuses(r.id),
      outbox: outbox.map((m) => `${m.payload.kind}:${m.state}`),
      notices: outbox.filter(
        (m) => m.payload.kind === 'specialist_message' && m.payload.purpose === 'cancellation',
      ),
      messages,
      toldOffice: messages.filter((m) => m.subject === `Cancelled: referral ${r.id}`),
    };
  }

  /** Cancelled, with no wait and no timer left. */
  async function expectStopped(id: string): Promise<void> {
    const detail = await h.api.referral(id);
    expect(detail).toMatchObject({ status: 'cancelled', pending: null, waiting: null });
    expect(await h.service.store.timers.get(DEMO_PRACTICE_ID, id)).toBeUndefined();
  }

  it.each(CASES)(
    'at %s, cancelled by the %s: stopped, no timer, the office told only if it had the referral; a later office message changes nothing',
    async (step, by) => {
      const r = await reach(step);
      const before = await h.api.referral(r.id);
      expect(before.status).toBe(step);
      const officeHasIt = OFFICE_HAS_IT.includes(step);
      if (officeHasIt) expect(before.waiting?.timer).toBeTruthy();
      // Never before: nothing tells the office of a cancellation that has not happened.
      expect((await outside(r)).toldOffice).toEqual([]);

      await cancel(r.id, by);
      await waitForStatus(h.api, r.id, 'cancelled');
      await settle(h);
      await expectStopped(r.id);
      expect((await waitForWriteback(h.ehr, r.id, 'cancelled')).at(-1)).toBe('cancelled');
      const after = await outside(r);
      if (officeHasIt) {
        expect(after.notices.map((m) => m.state)).toEqual(['sent']);
        expect(after.toldOffice).toHaveLength(1);
        expect(after.toldOffice[0]?.recipient.npi).toBe(r.npi);
      } else {
        expect(after.notices).toEqual([]);
        expect(after.toldOffice).toEqual([]);
      }
      const audit = await h.api.audit(r.id);
      const cancelled = audit.filter(
        (e) => e.action === 'referral.transition' && e.data.to === 'cancelled',
      );
      expect(cancelled).toHaveLength(1);

      // The office, unaware, sends its next message: recorded, and nothing changes.
      const next: Omit<Hl7MessageSpec, 'controlId'> =
        step === 'seen'
          ? { type: 'ORU^R01', placerId: r.id, document: { format: 'text', content: 'Seen.' } }
          : { type: 'SIU^S12', placerId: r.id, appointmentAt: isoIn(9 * 24 * HOUR) };
      expect(await fromOffice(r, next)).toMatch(/\rMSA\|A[AE]\|/);
      await settle(h);
      await expectStopped(r.id);
      expect(await outside(r)).toEqual(after);
      const later = await h.api.audit(r.id);
      expect(later.filter((e) => e.action === 'referral.transition')).toHaveLength(
        audit.filter((e) => e.action === 'referral.transition').length,
      );
    },
  );

  // Cancelled at `approved`: the packet queued at approval is withdrawn with the patient's
  // message, or, when it already left, the office is told.
  it('at approved: the office never holds the cancelled referral without being told', async () => {
    const r = await reach('approved');
    await cancel(r.id, 'coordinator');
    await settle(h);
    const subjects = (await h.ehr.messages(r.id)).map((m) => m.subject);
    const notice = `Cancelled: referral ${r.id}`;
    // Either the packet never left, or the office was told after it.
    expect(subjects.filter((s) => s !== notice).length === 0 || subjects.includes(notice)).toBe(
      true,
    );
  });
});
