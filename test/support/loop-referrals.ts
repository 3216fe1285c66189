import { CLINICAL_MESSAGE_TYPES } from '../../src/domain/index.js';
import { buildConsultNoteXml } from './ccda-documents.js';
import { waitForReviewQueue, waitForStatus } from './flows.js';
import type { Harness } from './harness.js';
import { buildHl7Message } from './hl7-messages.js';
import { waitFor } from './wait-for.js';

/** A referral sent to its specialist and waiting for the office, with what an office would echo. */
export interface ReferralAtOffice {
  id: string;
  patient: { mrn: string; family: string; given: string; birthDate: string };
  npi: string;
}

/** Creates a referral in the sandbox, approves it, and waits until it awaits the office's answer. */
export async function referralAtOffice(
  h: Pick<Harness, 'api' | 'ehr' | 'sandbox'>,
): Promise<ReferralAtOffice> {
  const created = await h.ehr.createReferral();
  const detail = await waitForReviewQueue(h, created.id);
  await h.api.decide(created.id, { decision: 'approve' });
  const sent = await waitForStatus(h.api, created.id, 'sent');
  await waitFor(async () => (await h.api.referral(created.id)).pending === 'await-response', {
    what: `${created.id} to wait for the office`,
  });
  const patient = h.sandbox.world.patients.get(created.patient_id);
  const npi = sent.candidates.find((c) => c.candidateId === detail.recommendedCandidateId)?.npi;
  if (!patient || !npi) throw new Error('expected the patient and the selected specialist');
  return {
    id: created.id,
    patient: {
      mrn: patient.mrn,
      family: patient.family_name,
      given: patient.given_name,
      birthDate: patient.birth_date,
    },
    npi,
  };
}

/**
 * Every message type an office could send about `referral`, valid and quoting its id (the ADT
 * carries none: it matches by patient and specialist). Control ids start with `controlPrefix`.
 */
export function officeMessages(referral: ReferralAtOffice, controlPrefix: string): string[] {
  const who = {
    mrn: referral.patient.mrn,
    family: referral.patient.family,
    given: referral.patient.given,
    birthDate: referral.patient.birthDate,
    npi: referral.npi,
    placerId: referral.id,
  };
  const note = buildConsultNoteXml({
    placerId: referral.id,
    encounterDate: '2026-12-10',
    author: { given: 'Rosa', family: 'Vitreo', npi: referral.npi },
    patient: { ids: [who.mrn], given: who.given, family: who.family, birthDate: who.birthDate },
    assessment: 'Stable.',
    plan: 'Return in 6 months.',
  });
  return CLINICAL_MESSAGE_TYPES.map((type, i) =>
    buildHl7Message({
      type,
      controlId: `${controlPrefix}-${i}`,
      ...who,
      ...(type.startsWith('ADT') ? { placerId: null } : {}),
      ...(type === 'MDM^T02' ? { document: { format: 'ccda' as const, content: note } } : {}),
      ...(type === 'ORU^R01'
        ? { document: { format: 'text' as const, content: 'Seen.\nNo change.' } }
        : {}),
    }),
  );
}
