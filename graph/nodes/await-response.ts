import { interrupt } from '@langchain/langgraph';
import { SpecialistResponse } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { AWAIT_RESPONSE } from '../review-request.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';

/** Waits for the specialist's office: acknowledged, scheduled, or declined (which re-matches). */
export const awaitResponseNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const response = interrupt<unknown, SpecialistResponse>(
      {
        kind: AWAIT_RESPONSE,
        waiting_for: ['referral.acknowledged', 'referral.scheduled', 'referral.declined'],
        candidate_id: state.selectedId,
      },
      { responseSchema: SpecialistResponse },
    );
    const options = {
      actor: 'ehr',
      keySuffix: response.eventId,
      data: { eventId: response.eventId },
    };
    const status = await transition(deps, state, response.type, {
      ...options,
      ...(response.note ? { note: response.note } : {}),
    });
    if (response.type !== 'declined') {
      return {
        status,
        responses: response,
        ...(response.type === 'scheduled' ? { outcome: 'scheduled' } : {}),
      };
    }
    const npi = state.candidates.find((c) => c.candidateId === state.selectedId)?.npi;
    return {
      status,
      responses: response,
      round: state.round + 1,
      selectedId: null,
      excludedNpis: npi ? [...state.excludedNpis, npi] : state.excludedNpis,
    };
  };
