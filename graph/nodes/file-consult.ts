import { patientPhi, summarizeConsultDocument } from '../../agents/index.js';
import { AppError } from '../../src/domain/index.js';
import { agentContext, type GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/**
 * The consult note is in: summarized for the coordinator (by the LLM when configured) and filed
 * in the EHR against the referral (our copy is already stored).
 */
export const fileConsultNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const event = state.responses.at(-1);
    const documentId = event?.type === 'consult_received' ? event.documentId : undefined;
    const document = documentId
      ? await deps.store.documents.get(state.practiceId, documentId)
      : undefined;
    if (!document || document.referralId !== state.referralId) {
      throw new AppError('INTERNAL', 'The consult event names no stored document of this referral');
    }
    const { summary, run } = state.patient
      ? await summarizeConsultDocument(
          document,
          deps.ccda,
          patientPhi(state.patient, state.coverage, deps.clock.now()),
          agentContext(deps, state),
        )
      : { summary: document.summary, run: null };
    const status = await transition(deps, state, 'consult_received', {
      keySuffix: document.id,
      data: { documentId: document.id, format: document.format, source: document.source },
      // The note closes the loop the follow-ups and gap-in-care tasks were chasing.
      closeTasks: ['follow_up', 'gap_in_care', 'no_show'],
      ...(event ? { outcome: { at: event.at } } : {}),
      outbox: [
        {
          kind: 'ehr_document',
          referralId: state.referralId,
          documentId: document.id,
          title: document.title,
          contentType: document.format === 'ccda' ? 'application/xml' : 'text/plain',
          content: document.content,
          summary,
          ...(document.authorNpi ? { authorNpi: document.authorNpi } : {}),
        },
      ],
    });
    const consult = { documentId: document.id, summary, receivedAt: document.receivedAt };
    return { status, loop: { ...state.loop, consult }, ...(run ? { agentRuns: [run] } : {}) };
  };
