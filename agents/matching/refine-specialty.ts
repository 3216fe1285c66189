import { z } from 'zod';
import { isSpecialtyKey, planOf, SPECIALTIES } from '../../retrieval/index.js';
import type { AgentRun, SpecialtyInference } from '../../src/domain/index.js';
import {
  type AgentContext,
  llmRun,
  policyRun,
  promptRef,
  runLlmStep,
  untrusted,
} from '../llm/index.js';
import { SPECIALTY_PROMPT } from './prompts.js';

export const SpecialtyAnswer = z.object({
  specialties: z.array(z.string()).max(3),
  rationale: z.string().max(400),
});

const catalogLines = Object.entries(SPECIALTIES).map(([key, s]) => `- ${key}: ${s.label}`);

/**
 * When the rule table is unsure (a keyword, or nothing), asks the LLM to choose from the known
 * specialties; anything off the list is refused and the rules' answer stands.
 */
export async function refineSpecialty(
  inferred: SpecialtyInference,
  /** The reason is de-identified only when the LLM is asked. */
  facts: { reason: () => string; diagnosisCodes: readonly string[] },
  ctx: AgentContext,
  mask: (text: string) => string,
): Promise<{ specialty: SpecialtyInference; run: AgentRun | null }> {
  if (inferred.confidence === 'high') return { specialty: inferred, run: null };
  const step = await runLlmStep(
    {
      agent: 'matching',
      prompt: SPECIALTY_PROMPT,
      input: () =>
        [
          `Diagnoses: ${facts.diagnosisCodes.join(', ') || 'none coded'}.`,
          untrusted('reason for referral', facts.reason()),
          'Specialty keys:',
          ...catalogLines,
        ].join('\n'),
      schema: SpecialtyAnswer,
      check: (a) =>
        a.specialties.every(isSpecialtyKey) ? null : 'a specialty key is not in the catalog',
      mask,
    },
    ctx,
  );
  if (!step.ok || step.value.specialties.length === 0) {
    const run = step.ok
      ? policyRun(
          'matching',
          'specialty',
          SPECIALTY_PROMPT,
          'rejected',
          'the LLM found no basis either',
        )
      : policyRun('matching', 'specialty', SPECIALTY_PROMPT, step.reason, step.detail);
    return { specialty: inferred, run };
  }
  const keys = step.value.specialties.filter(isSpecialtyKey);
  return {
    specialty: {
      specialties: planOf(keys, 'suggested by the model', promptRef(SPECIALTY_PROMPT)),
      confidence: 'medium',
      source: 'llm',
      evidence: promptRef(SPECIALTY_PROMPT),
      urgentCondition: inferred.urgentCondition,
    },
    run: llmRun('matching', 'specialty', SPECIALTY_PROMPT),
  };
}
