import { z } from 'zod';
import type { AgentRun, Candidate, Patient, Referral } from '../../src/domain/index.js';
import {
  type AgentContext,
  draftRefusal,
  llmRun,
  policyRun,
  runLlmStep,
  untrusted,
} from '../llm/index.js';
import type { PatientPhi } from '../phi-context.js';
import { isTemplateLanguage, labelsFor, officeLines, specialistBlock } from './office-lines.js';
import { OUTREACH_PROMPT } from './prompts.js';
import { specialistKind } from './specialist-kinds.js';
import { fill, OFFICE_TEMPLATE, PATIENT_TEMPLATES } from './templates.js';

const FOLLOW_UP_DAYS = '7';

export const Outreach = z.object({
  officeMessage: z.string().min(1).max(1200),
  /** The model's text (at most 1200 characters) and the specialist's contact added by code. */
  patientMessage: z.object({ language: z.string(), text: z.string().min(1).max(2000) }),
});
export type Outreach = z.infer<typeof Outreach>;

export const OutreachAnswer = z.object({
  officeMessage: z.string().min(1).max(1200),
  patientMessage: z.string().min(1).max(1200),
});

/**
 * The templates: the patient's language when there is one, else English, flagged. The patient
 * message names the specialist, says in plain words what they look after, and gives their office.
 */
export function outreachTemplate(
  referral: Referral,
  patient: Patient,
  candidate: Candidate,
): { outreach: Outreach; missingLanguage: boolean } {
  const language = isTemplateLanguage(patient.language) ? patient.language : 'en';
  const labels = labelsFor(language);
  const values = {
    name: patient.givenName,
    specialist: candidate.name,
    kind: specialistKind(language, candidate),
    office: officeLines(labels, candidate).join(labels.join),
    days: FOLLOW_UP_DAYS,
    urgency: referral.urgency,
  };
  return {
    outreach: {
      officeMessage: fill(OFFICE_TEMPLATE, values),
      patientMessage: { language, text: fill(PATIENT_TEMPLATES[language], values) },
    },
    missingLanguage: language !== patient.language,
  };
}

/**
 * Drafts the message to the specialist's office and the one to the patient, in the patient's
 * language. The LLM writes from de-identified context; names are filled in by code, and the
 * specialist's name, office and phone are added under the patient message by code, from the
 * directory (a draft with contact details of its own is refused).
 */
export async function draftOutreach(
  input: { referral: Referral; patient: Patient; candidate: Candidate; phi: PatientPhi },
  ctx: AgentContext,
): Promise<{ outreach: Outreach; run: AgentRun }> {
  const { referral, patient, candidate, phi } = input;
  const step = await runLlmStep(
    {
      agent: 'outreach',
      prompt: OUTREACH_PROMPT,
      input: () =>
        [
          `Patient language code: ${patient.language}. Address the patient as ${phi.deidentify(patient.givenName)}.`,
          `Specialist: a ${candidate.specialty ?? 'specialist'}, ${untrusted('directory name', `${candidate.name}, ${candidate.locationName}, ${candidate.city}`)}`,
          `Urgency: ${referral.urgency}.`,
          untrusted('reason for referral', phi.deidentify(referral.reason)),
        ].join('\n'),
      schema: OutreachAnswer,
      check: (a) =>
        draftRefusal(
          'a message',
          `${a.officeMessage}\n${a.patientMessage}`,
          phi.unknownPlaceholders,
        ),
      mask: phi.deidentify,
    },
    ctx,
  );
  if (step.ok) {
    return {
      outreach: {
        officeMessage: phi.reidentify(step.value.officeMessage),
        patientMessage: {
          language: patient.language,
          text: `${phi.reidentify(step.value.patientMessage)}\n\n${specialistBlock(patient.language, candidate)}`,
        },
      },
      run: llmRun('outreach', 'messages', OUTREACH_PROMPT),
    };
  }
  const { outreach, missingLanguage } = outreachTemplate(referral, patient, candidate);
  const detail = [
    step.detail,
    missingLanguage ? `no template in "${patient.language}": English used` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    outreach,
    run: policyRun('outreach', 'messages', OUTREACH_PROMPT, step.reason, detail || null),
  };
}
