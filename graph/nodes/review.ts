import { interrupt, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { draftPacket } from '../../agents/index.js';
import { AppError, type HumanResponse, HumanResponses } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { reviewRequest } from '../review-request.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

function chosen(state: State, response: HumanResponse) {
  if (response.type === 'accept') return { candidateId: state.recommendedId, note: state.note };
  if (response.type !== 'edit') return null;
  const args = response.args.args;
  return {
    candidateId: typeof args.candidate_id === 'string' ? args.candidate_id : state.recommendedId,
    note: typeof args.note === 'string' && args.note.trim() !== '' ? args.note : state.note,
  };
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
    const choice = response ? chosen(state, response) : null;
    if (!choice) {
      const reason = response?.type === 'response' ? response.args : 'rejected';
      const status = await transition(deps, state, 'rejected', { actor, note: reason });
      return { status, outcome: 'rejected', note: reason };
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
      data: { candidateId: candidate.candidateId, edited: response?.type === 'edit' },
    });
    const packet = draftPacket({
      referral: state.referral,
      patient: state.patient,
      coverage: state.coverage,
      candidate,
      note: choice.note ?? undefined,
    });
    return { selectedId: candidate.candidateId, note: choice.note, packet, status };
  };
