import { z } from 'zod';
import type {
  AgentRun,
  ConsultNoteReader,
  FallbackReason,
  StoredDocument,
} from '../../src/domain/index.js';
import { type AgentContext, llmRun, policyRun, runLlmStep, untrusted } from '../llm/index.js';
import type { PatientPhi } from '../phi-context.js';
import { CONSULT_SUMMARY_PROMPT } from './prompts.js';
import { CONSULT_SUMMARY_LIMIT, consultHeader, cut } from './summarize-consult.js';

const ANSWER_LIMIT = 500;

export const ConsultSummaryAnswer = z.object({
  summary: z.string().trim().min(1).max(ANSWER_LIMIT),
});

/** The parts of a stored document the LLM may read, and the header the code writes itself. */
function partsOf(document: StoredDocument, reader: ConsultNoteReader) {
  if (document.format === 'text') return { header: null, parts: { report: document.content } };
  const read = reader.read(document.content);
  if (!read.ok) return null;
  const { note } = read;
  const parts = {
    assessment: note.assessment ?? '',
    plan: note.plan ?? '',
    recommendations: note.recommendations ?? '',
  };
  return { header: consultHeader(note), parts };
}

/**
 * The coordinator's summary of a consult note: by the LLM when one is configured (de-identified
 * sections in, a checked answer out, who and when written by code), else the rule summary the
 * document was stored with.
 */
export async function summarizeConsultDocument(
  document: StoredDocument,
  reader: ConsultNoteReader,
  phi: PatientPhi,
  ctx: AgentContext,
): Promise<{ summary: string; run: AgentRun }> {
  const fallback = (reason: FallbackReason, detail: string | null) => ({
    summary: document.summary,
    run: policyRun('loop_closure', 'consult-summary', CONSULT_SUMMARY_PROMPT, reason, detail),
  });
  const read = partsOf(document, reader);
  const sections = read ? Object.entries(read.parts).filter(([, text]) => text.trim() !== '') : [];
  if (!read || sections.length === 0) {
    return fallback(
      'not_needed',
      'the note has no assessment, plan or recommendations to summarize',
    );
  }
  const step = await runLlmStep(
    {
      agent: 'loop_closure',
      prompt: CONSULT_SUMMARY_PROMPT,
      input: () =>
        sections.map(([label, text]) => untrusted(label, phi.deidentify(text))).join('\n'),
      schema: ConsultSummaryAnswer,
      check: (a) =>
        phi.unknownPlaceholders(a.summary).length > 0 ? 'the summary invents a placeholder' : null,
      mask: phi.deidentify,
    },
    ctx,
  );
  if (!step.ok) return fallback(step.reason, step.detail);
  const body = phi.deidentify(step.value.summary);
  return {
    summary: cut(read.header ? `${read.header}\n${body}` : body, CONSULT_SUMMARY_LIMIT),
    run: llmRun('loop_closure', 'consult-summary', CONSULT_SUMMARY_PROMPT),
  };
}
