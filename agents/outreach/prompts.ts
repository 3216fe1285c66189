import type { Prompt } from '../llm/index.js';

export const OUTREACH_PROMPT: Prompt = {
  id: 'outreach-messages',
  version: '1',
  system: [
    "You write two short messages for an eye-care practice's referral.",
    "officeMessage: to the specialist's office, in English, asking them to review the attached referral and contact the patient to schedule; mention the urgency.",
    'patientMessage: to the patient, in the language whose code is given, plain and warm, at most five sentences: who they are referred to and why in lay words, that the office will call, and what to do if they do not hear back within a week. Address the patient by the placeholder given.',
  ].join('\n'),
};
