import type { AgentName, AgentRun, FallbackReason } from '../../src/domain/index.js';
import { type Prompt, promptRef } from './prompt.js';

/** The record of a step the LLM decided. */
export function llmRun(agent: AgentName, step: string, prompt: Prompt): AgentRun {
  return { agent, step, path: 'llm', prompt: promptRef(prompt), fallback: null, detail: null };
}

/** The record of a step the policy decided: why, and the prompt when the LLM was asked at all. */
export function policyRun(
  agent: AgentName,
  step: string,
  prompt: Prompt,
  fallback: FallbackReason,
  detail: string | null,
): AgentRun {
  const asked = fallback !== 'not_configured' && fallback !== 'not_needed';
  return {
    agent,
    step,
    path: 'deterministic',
    prompt: asked ? promptRef(prompt) : null,
    fallback,
    detail,
  };
}
