import { loopStep } from '../../agents/index.js';
import type { LoopStage } from '../../src/domain/index.js';
import type { GraphDeps } from '../deps.js';
import { partiesOf, rematchWithout } from '../selected.js';
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
          outcome: { at: event.at, appointmentAt: step.loop.appointmentAt ?? null },
          ...(event.note ? { note: event.note } : {}),
        })
      : state.status;
    if (step.replay) {
      await deps.store.inbox.recordLoopEvent({
        ...ref,
        event: { ...event, eventId: `${event.eventId}|after-delivery` },
      });
    }
    if (status === 'sent') {
      await deps.store.referrals.setParties(
        ref.practiceId,
        ref.referralId,
        partiesOf(state),
        event.at,
      );
    }
    const update: Update = {
      status,
      responses: event,
      loop: { ...loop, ...step.loop },
      loopNext: step.next,
    };
    if (step.next === 'rematch') return { ...update, ...rematchWithout(state, state.selectedId) };
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
