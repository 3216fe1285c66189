import { interrupt, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { draftPacket, outreachTemplate } from '../../agents/index.js';
import {
  AppError,
  type Candidate,
  type HumanResponse,
  HumanResponses,
} from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { receiptOf } from '../receipt.js';
import { reviewRequest } from '../review-request.js';
import { rematchWithout } from '../selected.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

interface Choice {
  candidateId: string | null;
  note: string | null;
  packetBody: string | null;
  patientMessage: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

function chosen(state: State, response: HumanResponse): Choice | null {
  const none = { packetBody: null, patientMessage: null };
  if (response.type === 'accept') {
    return { candidateId: state.recommendedId, note: state.note, ...none };
  }
  if (response.type !== 'edit') return null;
  const args = response.args.args;
  return {
    candidateId: typeof args.candidate_id === 'string' ? args.candidate_id : state.recommendedId,
    note: text(args.note) ?? state.note,
    packetBody: text(args.packet_body),
    patientMessage: text(args.patient_message),
  };
}

/**
 * What goes out once approved: the reviewed drafts for the recommended candidate (with the
 * coordinator's edits), or fresh templates when the coordinator chose another candidate.
 */
function approvedDrafts(state: State, candidate: Candidate, choice: Choice): Update {
  const { referral, patient } = state;
  if (!referral || !patient) throw new Error('review ran before intake');
  const sameCandidate = candidate.candidateId === state.recommendedId;
  const base =
    sameCandidate && state.packet
      ? state.packet
      : draftPacket({ referral, patient, coverage: state.coverage, candidate });
  const body = choice.packetBody ?? base.body;
  const packet = {
    subject: base.subject,
    body:
      choice.note && !choice.packetBody ? `${body}\nNote from the practice: ${choice.note}` : body,
  };
  const drafted =
    sameCandidate && state.outreach
      ? state.outreach
      : outreachTemplate(referral, patient, candidate).outreach;
  const outreach = choice.patientMessage
    ? { ...drafted, patientMessage: { ...drafted.patientMessage, text: choice.patientMessage } }
    : drafted;
  return { packet, outreach };
}

/**
 * The human gate. Autonomous mode skips it only when the recommendation passed every check and
 * nothing was flagged; otherwise it waits (possibly for days) for a coordinator's decision.
 */
export const reviewNode =
  (deps: GraphDeps) =>
  async (state: State, config: LangGraphRunnableConfig): Promise<Update> => {
    const recommended = state.candidates.find((c) => c.candidateId === state.recommendedId);
    if (state.mode === 'autonomous' && recommended?.isValid && state.flags.length === 0) {
      const status = await transition(deps, state, 'approved', {
        actor: 'system:autonomous',
        data: { candidateId: recommended.candidateId, auto: true },
      });
      return { selectedId: recommended.candidateId, status };
    }
    await transition(deps, state, 'pending_review');
    const [response] = interrupt<unknown, HumanResponses>(reviewRequest(state), {
      responseSchema: HumanResponses,
    });
    const actor = String(config.configurable?.actor ?? 'coordinator:unknown');
    const receipt = receiptOf(config);
    const choice = response ? chosen(state, response) : null;
    if (response?.type === 'ignore') {
      const status = await transition(deps, state, 'cancelled', {
        actor,
        receipt,
        note: 'cancelled',
      });
      return { status, outcome: 'cancelled' };
    }
    if (!choice) {
      const reason = response?.type === 'response' ? response.args : 'rejected';
      const status = await transition(deps, state, 'rejected', { actor, receipt, note: reason });
      return { status, note: reason, ...rematchWithout(state, state.recommendedId) };
    }
    const candidate = state.candidates.find((c) => c.candidateId === choice.candidateId);
    if (!candidate?.isValid || !state.referral || !state.patient) {
      throw new AppError(
        'GUARDRAIL_TRIPPED',
        'Approved candidate is not a valid retrieved candidate',
      );
    }
    const status = await transition(deps, state, 'approved', {
      actor,
      receipt,
      data: {
        candidateId: candidate.candidateId,
        edited: response?.type === 'edit',
        packetEdited: choice.packetBody !== null,
        patientMessageEdited: choice.patientMessage !== null,
      },
    });
    return {
      selectedId: candidate.candidateId,
      note: choice.note,
      status,
      ...approvedDrafts(state, candidate, choice),
    };
  };
