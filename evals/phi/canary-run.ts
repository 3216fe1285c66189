import { setTimeout as sleep } from 'node:timers/promises';
import { type Canary, canaryNotes, makeCanaryPatient } from '../datasets/phi-canaries.js';
import type { NewPatient } from '../models/index.js';
import type { ObservedService } from './observed-service.js';

/** The sandbox's demo patient, whose coverage each canary patient copies. */
const COVERAGE_FROM = 'pat-0001';
const LLM_PROMPTS = [
  'enrichment-summary@1',
  'matching-rerank@1',
  'outreach-messages@1',
  'packet-letter@1',
] as const;

export interface CanaryReferral {
  canary: Canary;
  patientId: string;
  referralId: string;
  reachedReview: boolean;
  /** The four agent steps were answered by the model, not the rules. */
  llmAccepted: boolean;
  approved: boolean;
  /** What the EHR delivered: the letter to the specialist and the message to the patient. */
  letters: string[];
  patientMessages: string[];
}

/** The canary patient as the sandbox's `POST /api/patients` takes it. */
export function wirePatient(c: Canary, insurance?: NewPatient['insurance']): NewPatient {
  const p = c.patient;
  return {
    mrn: `MRN${c.mrn}`,
    given_name: p.givenName,
    family_name: p.familyName,
    birth_date: p.birthDate,
    sex: p.sex,
    address: {
      line: p.address.line,
      city: p.address.city,
      state: p.address.state,
      postal_code: p.address.postalCode,
    },
    location: p.location,
    language: p.language,
    preferred_channel: p.preferredChannel,
    phone: p.phone,
    email: p.email,
    ...(insurance ? { insurance } : {}),
  };
}

/** A reason for referral that itself carries identifiers, as staff do write them. */
export function canaryReason(c: Canary): string {
  const p = c.patient;
  const [y, m, d] = p.birthDate.split('-');
  return `Pt ${p.givenName} ${p.familyName}, DOB ${m}/${d}/${y}, call pt at ${p.phone} or ${p.email}: worsening NPDR with macular edema OU, please evaluate for anti-VEGF.`;
}

async function waitForReview(
  o: ObservedService,
  referralIds: readonly string[],
  timeoutMs: number,
): Promise<Set<string>> {
  const ready = new Set<string>();
  const deadline = Date.now() + timeoutMs;
  while (ready.size < referralIds.length && Date.now() < deadline) {
    for (const referralId of referralIds) {
      if (ready.has(referralId)) continue;
      const [gate] = await o.service.runner.pending({ practiceId: o.practiceId, referralId });
      if (gate?.kind === 'review') ready.add(referralId);
    }
    if (ready.size < referralIds.length) await sleep(100);
  }
  return ready;
}

/**
 * Canary patients `first`…`first + count - 1`, each with notes and a retina referral, run by the
 * service to review; the first `approve` approved and delivered.
 */
export async function runCanaryReferrals(
  o: ObservedService,
  options: { first: number; count: number; approve: number; timeoutMs?: number },
): Promise<CanaryReferral[]> {
  const insurance = await o.ehr.insurance(COVERAGE_FROM);
  const created = [];
  for (let i = 0; i < options.count; i++) {
    const canary = makeCanaryPatient(options.first + i);
    const patient = await o.ehr.createPatient(wirePatient(canary, insurance));
    await o.ehr.addNotes(patient.id, [
      { date: canary.dateOfService, kind: 'exam', author: 'Dr. Staff', text: canaryNotes(canary) },
    ]);
    const referral = await o.ehr.createReferral({
      patient_id: patient.id,
      referring_provider_id: 'prov-01',
      reason: canaryReason(canary),
      diagnosis_codes: ['E11.3293'],
    });
    created.push({ canary, patientId: patient.id, referralId: referral.id });
  }
  const ready = await waitForReview(
    o,
    created.map((c) => c.referralId),
    options.timeoutMs ?? 60_000,
  );
  const approved = new Set<string>();
  for (const c of created.filter((x) => ready.has(x.referralId)).slice(0, options.approve)) {
    if ((await o.review(c.referralId, 'approve')) === 200) approved.add(c.referralId);
  }
  await o.service.drain();
  const results: CanaryReferral[] = [];
  for (const c of created) {
    const audit = await o.service.store.audit.list(o.practiceId, c.referralId);
    const accepted = new Set(
      audit
        .filter((e) => e.action === 'llm.called' && e.data.outcome === 'accepted')
        .map((e) => String(e.data.prompt)),
    );
    const isApproved = approved.has(c.referralId);
    results.push({
      ...c,
      reachedReview: ready.has(c.referralId),
      llmAccepted: LLM_PROMPTS.every((p) => accepted.has(p)),
      approved: isApproved,
      letters: isApproved
        ? (await o.ehr.messages(c.referralId)).map((m) => `${m.subject ?? ''}\n${m.body}`)
        : [],
      patientMessages: isApproved
        ? (await o.ehr.patientMessages(c.referralId)).map((m) => m.body)
        : [],
    });
  }
  return results;
}
