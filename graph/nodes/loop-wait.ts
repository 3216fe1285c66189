import { loopStep } from '../../agents/index.js';
import { type LoopStage, NEW_LOOP } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';
import { transition } from '../transition.js';
import { waitForLoopEvent } from '../wait.js';

/**
 * A wait of the loop (`await-delivery`, `await-response`, `await-visit`, `await-consult`): takes
 * the next loop event, applies the move the loop-closure rules give, and says where to go next.
 */
export const loopWaitNode =
  (stage: LoopStage) =>
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const { event, wait } = await waitForLoopEvent(deps, state, stage);
    const loop = { ...state.loop, wait };
    const step = loopStep(stage, state.status, loop, event);
    const ref = { practiceId: state.practiceId, referralId: state.referralId };
    if (step.ignored) {
      await deps.store.audit.append({
        ...ref,
        actor: event.source,
        action: 'event.ignored',
        data: { type: event.type, reason: step.ignored, stage },
      });
    }
    const status = step.to
      ? await transition(deps, state, step.to, {
          actor: event.source,
          keySuffix: event.eventId,
          data: { event: event.type, source: event.source },
          ...(event.note ? { note: event.note } : {}),
        })
      : state.status;
    if (status === 'sent') await recordParties(deps, state, event.at);
    const update: Update = {
      status,
      responses: event,
      loop: { ...loop, ...step.loop },
      loopNext: step.next,
    };
    if (step.next === 'rematch') return { ...update, ...withoutSelected(state) };
    if (step.next === 'send-failed') {
      const exception = {
        reason: 'send_failed',
        stage: 'dispatch' as const,
        code: event.error ?? 'DELIVERY_FAILED',
        detail: `The ${event.channel ?? 'delivery'} channel did not accept the referral packet.`,
      };
      return { ...update, exception };
    }
    return update;
  };

/** Who the referral is about and who has it: how messages that do not quote our id find it. */
async function recordParties(deps: GraphDeps, state: State, sentAt: string) {
  const { patient } = state;
  const npi = state.candidates.find((c) => c.candidateId === state.selectedId)?.npi;
  await deps.store.referrals.setParties(
    state.practiceId,
    state.referralId,
    {
      ...(patient
        ? {
            patientId: patient.id,
            family: patient.familyName,
            given: patient.givenName,
            birthDate: patient.birthDate,
            ...(patient.mrn ? { mrn: patient.mrn } : {}),
          }
        : {}),
      ...(npi ? { specialistNpi: npi } : {}),
    },
    sentAt,
  );
}

/** A new round without the specialist who declined (or was rejected); the loop starts over. */
export function withoutSelected(state: State): Update {
  const npi = state.candidates.find((c) => c.candidateId === state.selectedId)?.npi;
  return {
    round: state.round + 1,
    selectedId: null,
    excludedNpis: npi ? [...state.excludedNpis, npi] : state.excludedNpis,
    loop: NEW_LOOP,
  };
}
