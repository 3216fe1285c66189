import { z } from 'zod';
import type { AgentRun, Candidate } from '../../src/domain/index.js';
import { type AgentContext, llmRun, policyRun, runLlmStep, untrusted } from '../llm/index.js';
import { LLM_TOOLS } from '../tool-permissions.js';
import { RERANK_PROMPT } from './prompts.js';

export const RerankAnswer = z.object({
  ranking: z.array(z.string()).min(1).max(20),
  recommendedId: z.string(),
  justification: z.string().max(600),
});
export type RerankAnswer = z.infer<typeof RerankAnswer>;

/** What the model may see of the referral: allow-listed fields and de-identified text. */
export interface RerankFacts {
  urgency: string;
  diagnosisCodes: readonly string[];
  specialty: string;
  /** De-identified when the LLM is asked. */
  reason: () => string;
  clinicalSummary: string | null;
  ageBand: string;
  language: string;
}

function candidateLine(c: Candidate): string {
  const facts = {
    id: c.candidateId,
    specialty: c.specialty,
    distanceKm: c.distanceKm,
    waitDays: c.waitDays,
    speaksPatientLanguage: c.checks.speaksPatientLanguage,
    score: c.score,
  };
  return `${JSON.stringify(facts)} ${untrusted('directory name', c.name)}`;
}

/** Rejects any answer that strays from the retrieved, eligible candidates. */
export function checkRerank(answer: RerankAnswer, retrieved: readonly Candidate[]): string | null {
  const byId = new Map(retrieved.map((c) => [c.candidateId, c]));
  const picked = byId.get(answer.recommendedId);
  if (!picked) return 'the recommended id is not among the retrieved candidates';
  if (!picked.checks.inNetwork) return 'the recommended candidate is out of network';
  if (!picked.checks.withinDistance) return 'the recommended candidate is beyond the radius';
  if (!picked.isValid) return 'the recommended candidate failed an eligibility check';
  if (new Set(answer.ranking).size !== answer.ranking.length) return 'the ranking repeats an id';
  if (answer.ranking.some((id) => !byId.get(id)?.isValid)) {
    return 'the ranking names an id that is not an eligible retrieved candidate';
  }
  return null;
}

/**
 * Lets the LLM re-order and justify the eligible candidates. The deterministic ranking stands,
 * flagged, when the model is absent or its answer is refused.
 */
export async function rerankCandidates(
  candidates: readonly Candidate[],
  facts: RerankFacts,
  ctx: AgentContext,
  mask: (text: string) => string,
): Promise<{
  candidates: Candidate[];
  recommendedId: string;
  justification: string | null;
  run: AgentRun;
}> {
  const deterministic = {
    candidates: [...candidates],
    recommendedId: candidates[0]?.candidateId ?? '',
    justification: null,
  };
  const input = () =>
    [
      `Urgency: ${facts.urgency}. Needs: ${facts.specialty}. Diagnoses: ${facts.diagnosisCodes.join(', ') || 'none coded'}.`,
      `Patient: age ${facts.ageBand}, prefers language "${facts.language}".`,
      untrusted('reason for referral', facts.reason()),
      ...(facts.clinicalSummary ? [untrusted('relevant history', facts.clinicalSummary)] : []),
      'Candidates:',
      ...candidates.map(candidateLine),
    ].join('\n');
  const step = await runLlmStep(
    {
      agent: 'matching',
      prompt: RERANK_PROMPT,
      input,
      schema: RerankAnswer,
      check: (a) => checkRerank(a, candidates),
      tools: LLM_TOOLS.matching,
      mask,
    },
    ctx,
  );
  if (!step.ok) {
    return {
      ...deterministic,
      run: policyRun('matching', 'rerank', RERANK_PROMPT, step.reason, step.detail),
    };
  }
  const order = [step.value.recommendedId, ...step.value.ranking];
  const rank = (c: Candidate) => {
    const i = order.indexOf(c.candidateId);
    return i === -1 ? order.length : i;
  };
  const reordered = [...candidates].sort((a, b) => rank(a) - rank(b));
  return {
    candidates: reordered,
    recommendedId: step.value.recommendedId,
    justification: mask(step.value.justification),
    run: llmRun('matching', 'rerank', RERANK_PROMPT),
  };
}
