import { interrupt } from '@langchain/langgraph';
import { loopDeadline, timerPolicyFor } from '../agents/index.js';
import {
  LoopEvent,
  type LoopProgress,
  type LoopStage,
  type TimerPolicy,
} from '../src/domain/index.js';
import type { GraphDeps } from './deps.js';
import type { State } from './state.js';

/** What a loop wait's interrupt carries: which wait, and until when (for the API and the runner). */
export interface AwaitRequest {
  kind: LoopStage;
  wait_key: string;
  due_at: string | null;
  timer: string | null;
}

export function isAwaitRequest(value: unknown): value is AwaitRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AwaitRequest).wait_key === 'string'
  );
}

/** The deadlines that apply to this referral (its urgency, type and condition). */
export function timerPolicyOf(deps: GraphDeps, state: State): TimerPolicy {
  return timerPolicyFor(deps.timers, {
    urgency: state.referral?.urgency ?? 'routine',
    referralType: state.referralType,
    urgentCondition: state.specialty?.urgentCondition ?? null,
  });
}

/**
 * Records the wait's deadline (timers are data: the scheduler turns a due one into a `timeout`
 * event) and waits for the next loop event. The key and deadline derive from the state alone, so
 * re-running the node on resume records the same timer.
 */
export async function waitForLoopEvent(
  deps: GraphDeps,
  state: State,
  stage: LoopStage,
): Promise<{ event: LoopEvent; wait: LoopProgress['wait'] }> {
  const policy = timerPolicyOf(deps, state);
  const deadline = loopDeadline(stage, state.status, state.loop, policy);
  const key = `${stage}|r${state.round}|e${state.responses.length}`;
  const ref = { practiceId: state.practiceId, referralId: state.referralId };
  if (deadline) await deps.store.timers.set({ ...ref, waitKey: key, ...deadline });
  else await deps.store.timers.clear(ref.practiceId, ref.referralId);
  const request: AwaitRequest = {
    kind: stage,
    wait_key: key,
    due_at: deadline?.dueAt ?? null,
    timer: deadline?.kind ?? null,
  };
  const event = interrupt<AwaitRequest, LoopEvent>(request, { responseSchema: LoopEvent });
  return { event, wait: deadline ? { key, ...deadline } : null };
}
