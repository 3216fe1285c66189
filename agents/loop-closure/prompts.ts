import type { Prompt } from '../llm/index.js';

export const CONSULT_SUMMARY_PROMPT: Prompt = {
  id: 'loop-closure-consult-summary',
  version: '1',
  system: [
    "You summarize a specialist's consult note for the referring practice's referral coordinator.",
    'From the de-identified assessment, plan and recommendations, write at most three short sentences: what the specialist found, what was done or planned, and what the referring practice is asked to do next (follow-up interval, return to the referring provider, further referral).',
    'State only what the note says. Refer to the patient as "the patient" or by the placeholders given.',
  ].join('\n'),
};
