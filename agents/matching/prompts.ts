import type { Prompt } from '../llm/index.js';

export const RERANK_PROMPT: Prompt = {
  id: 'matching-rerank',
  version: '1',
  system: [
    'You help an eye-care practice choose the specialist for a referral.',
    'You receive the referral (de-identified) and candidates that already passed every eligibility check.',
    'Order the candidates by clinical fit for this patient, then access (wait, distance, language).',
    'Choose only among the listed candidate ids. Justify the first choice in at most two short sentences, without identifiers.',
  ].join('\n'),
};

export const SPECIALTY_PROMPT: Prompt = {
  id: 'matching-specialty',
  version: '1',
  system: [
    'You map a referral from an eye-care practice to the kind of specialist it needs.',
    'Choose one to three specialty keys from the list given, most specific first, or none when the referral gives no basis.',
    'Use only keys from the list.',
  ].join('\n'),
};
