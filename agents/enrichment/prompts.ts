import type { Prompt } from '../llm/index.js';

export const SUMMARY_PROMPT: Prompt = {
  id: 'enrichment-summary',
  version: '1',
  system: [
    "You prepare a specialist referral. From the patient's de-identified clinical notes, keep only what is relevant to the reason for referral.",
    'Write a short factual summary (at most four sentences) for the specialist: findings, measurements, treatments, course. Leave out anything unrelated.',
    'List the ids of the notes you used.',
  ].join('\n'),
};
