import { z } from 'zod';

export const AgentName = z.enum(['enrichment', 'matching', 'packet', 'outreach', 'loop_closure']);
export type AgentName = z.infer<typeof AgentName>;

/** Why an agent's LLM step did not decide: the deterministic policy ran instead. */
export const FallbackReason = z.enum([
  'not_configured',
  'timeout',
  'rate_limited',
  'unavailable',
  'invalid_output',
  'rejected',
  'not_needed',
]);
export type FallbackReason = z.infer<typeof FallbackReason>;

/** Which path produced an agent's result, for the audit and the reviewer. */
export const AgentRun = z.object({
  agent: AgentName,
  /** The agent's step: 'summary', 'specialty', 'rerank', 'letter', 'messages', 'consult-summary'. */
  step: z.string().min(1),
  path: z.enum(['llm', 'deterministic']),
  /** `<prompt id>@<version>` when the LLM was asked. */
  prompt: z.string().nullable(),
  fallback: FallbackReason.nullable(),
  /** Plain words for the reviewer (no PHI): what was refused, or why the LLM was not used. */
  detail: z.string().nullable(),
});
export type AgentRun = z.infer<typeof AgentRun>;
