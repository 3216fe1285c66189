import { z } from 'zod';
import type { AgentRun, Candidate, Coverage, Patient, Referral } from '../../src/domain/index.js';
import {
  type AgentContext,
  draftRefusal,
  llmRun,
  policyRun,
  runLlmStep,
  untrusted,
} from '../llm/index.js';
import type { PatientPhi } from '../phi-context.js';
import { draftPacket, type Packet } from './agent.js';
import { PACKET_PROMPT } from './prompts.js';
import { recipientLines } from './recipient.js';

export const LetterAnswer = z.object({
  subject: z.string().min(1).max(160),
  body: z.string().min(1).max(4000),
});

export interface PacketInput {
  referral: Referral;
  patient: Patient;
  coverage: Coverage | null;
  candidate: Candidate;
  clinicalSummary: string | null;
  phi: PatientPhi;
}

/**
 * The identifying header, written by code from the EHR record and the directory (the specialist's
 * name, address and phone), never by the model.
 */
function header(input: PacketInput): string {
  const { patient, coverage, candidate, referral } = input;
  return [
    ...recipientLines(candidate),
    `Re: ${patient.givenName} ${patient.familyName}, born ${patient.birthDate}`,
    `Insurance: ${coverage ? `${coverage.payerName}, ${coverage.planName}, member ${coverage.memberId}` : 'none on file'}`,
    `Urgency: ${referral.urgency}; diagnoses (ICD-10-CM): ${referral.diagnosisCodes.join(', ') || 'none coded'}`,
  ].join('\n');
}

const FOOTER =
  'Please acknowledge this referral and send the consult note back to the referring practice.';

/**
 * The referral letter: the LLM drafts the clinical part from de-identified context, code adds
 * the identifying header and re-identifies placeholders; the template stands in otherwise.
 */
export async function draftReferralPacket(
  input: PacketInput,
  ctx: AgentContext,
): Promise<{ packet: Packet; run: AgentRun }> {
  const { referral, patient, candidate, phi } = input;
  const step = await runLlmStep(
    {
      agent: 'packet',
      prompt: PACKET_PROMPT,
      input: () =>
        [
          `To: a ${candidate.specialty ?? 'specialist'}: ${untrusted('directory name', candidate.name)}`,
          `Patient: age ${phi.ageBand}, sex ${patient.sex}, prefers language "${patient.language}", lives in ZIP3 ${phi.zip3}. Refer to them as ${phi.deidentify(`${patient.givenName} ${patient.familyName}`)}.`,
          `Urgency: ${referral.urgency}. Diagnoses: ${referral.diagnosisCodes.join(', ') || 'none coded'}.`,
          untrusted('reason for referral', phi.deidentify(referral.reason)),
          ...(input.clinicalSummary ? [untrusted('relevant history', input.clinicalSummary)] : []),
        ].join('\n'),
      schema: LetterAnswer,
      check: (a) => draftRefusal('the draft', `${a.subject}\n${a.body}`, phi.unknownPlaceholders),
      mask: phi.deidentify,
    },
    ctx,
  );
  if (!step.ok) {
    return {
      packet: draftPacket(input),
      run: policyRun('packet', 'letter', PACKET_PROMPT, step.reason, step.detail),
    };
  }
  return {
    packet: {
      subject: `Referral ${referral.id}: ${phi.reidentify(step.value.subject)}`,
      body: [header(input), '', phi.reidentify(step.value.body), '', FOOTER].join('\n'),
    },
    run: llmRun('packet', 'letter', PACKET_PROMPT),
  };
}
