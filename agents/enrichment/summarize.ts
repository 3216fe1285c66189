import { z } from 'zod';
import type { AgentRun, ClinicalNote, FallbackReason } from '../../src/domain/index.js';
import { type AgentContext, llmRun, policyRun, runLlmStep, untrusted } from '../llm/index.js';
import type { PatientPhi } from '../phi-context.js';
import { SUMMARY_PROMPT } from './prompts.js';

const MAX_NOTES = 8;
const MAX_SENTENCES = 4;
const MAX_SUMMARY = 600;
const STOPWORDS = new Set(
  'please evaluate refer referral patient with from that this have been for and the eyes both left right'.split(
    ' ',
  ),
);

export const SummaryAnswer = z.object({
  summary: z.string().max(MAX_SUMMARY),
  noteIds: z.array(z.string()).max(MAX_NOTES),
});

export interface SummaryFacts {
  reason: string;
  diagnosisCodes: readonly string[];
  specialtyLabels: readonly string[];
}

function termsOf(facts: SummaryFacts): Set<string> {
  const words = [facts.reason, ...facts.specialtyLabels]
    .join(' ')
    .toLowerCase()
    .match(/[a-z][a-z-]{2,}/g);
  const codes = facts.diagnosisCodes.map((c) => c.slice(0, 3).toLowerCase());
  return new Set([...(words ?? []).filter((w) => !STOPWORDS.has(w)), ...codes]);
}

/** The deterministic policy: de-identified sentences of the notes that share a term with the reason. */
export function relevantSentences(
  notes: readonly ClinicalNote[],
  facts: SummaryFacts,
  phi: PatientPhi,
): string | null {
  const terms = termsOf(facts);
  const picked: string[] = [];
  for (const note of notes) {
    for (const sentence of note.text.split(/(?<=[.!?])\s+/)) {
      const words = sentence.toLowerCase().match(/[a-z0-9][a-z0-9-]{2,}/g) ?? [];
      if (words.some((w) => terms.has(w)) && picked.length < MAX_SENTENCES) {
        picked.push(phi.deidentify(sentence.trim()));
      }
    }
  }
  if (picked.length === 0) return null;
  const text = picked.join(' ');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/**
 * The part of the patient's history relevant to the reason, as a short de-identified summary:
 * by the LLM when one is configured and its answer holds, else by sentence selection.
 */
export async function summarizeHistory(
  notes: readonly ClinicalNote[],
  facts: SummaryFacts,
  phi: PatientPhi,
  ctx: AgentContext,
): Promise<{ summary: string | null; run: AgentRun }> {
  const recent = notes.slice(0, MAX_NOTES);
  const fallback = (reason: FallbackReason, detail: string | null) =>
    policyRun('enrichment', 'summary', SUMMARY_PROMPT, reason, detail);
  if (recent.length === 0) {
    return { summary: null, run: fallback('not_needed', 'no clinical notes on file') };
  }
  const ids = new Set(recent.map((n) => n.id));
  const step = await runLlmStep(
    {
      agent: 'enrichment',
      prompt: SUMMARY_PROMPT,
      input: () =>
        [
          `Diagnoses: ${facts.diagnosisCodes.join(', ') || 'none coded'}. Needs: ${facts.specialtyLabels.join(', ') || 'unknown'}.`,
          untrusted('reason for referral', phi.deidentify(facts.reason)),
          ...recent.map((n) =>
            untrusted(`note ${n.id} (${n.kind}, ${n.date.slice(0, 4)})`, phi.deidentify(n.text)),
          ),
        ].join('\n'),
      schema: SummaryAnswer,
      check: (a) =>
        a.noteIds.some((id) => !ids.has(id))
          ? 'the summary cites a note that was not given'
          : phi.unknownPlaceholders(a.summary).length > 0
            ? 'the summary invents a placeholder'
            : null,
      mask: phi.deidentify,
    },
    ctx,
  );
  if (step.ok) {
    return {
      summary: phi.deidentify(step.value.summary),
      run: llmRun('enrichment', 'summary', SUMMARY_PROMPT),
    };
  }
  return {
    summary: relevantSentences(recent, facts, phi),
    run: fallback(step.reason, step.detail),
  };
}
