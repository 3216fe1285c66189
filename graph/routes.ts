import type { State } from './state.js';

/** After a stage that may fail: a recorded exception goes to a human, else on to `next`. */
export const orException =
  <N extends string>(next: N) =>
  (state: State): N | 'handle-exception' =>
    state.exception ? 'handle-exception' : next;

/** Shadow mode stops after recommending: nothing reaches a reviewer, the EHR or a specialist. */
export const afterDraft = (state: State): 'review' | 'close' =>
  state.mode === 'shadow' ? 'close' : 'review';

/** Approved → send; rejected → match again without the rejected specialist; cancelled → end. */
export const afterReview = (state: State): 'dispatch' | 'intake' | 'close' =>
  state.status === 'approved' ? 'dispatch' : state.status === 'rejected' ? 'intake' : 'close';

export const afterException = (state: State): 'intake' | 'close' =>
  state.status === 'cancelled' ? 'close' : 'intake';

/** Where each wait of the loop may go, as set by the loop event it took (`loopNext`). */
const LOOP_EXITS = {
  'await-delivery': ['await-delivery', 'await-response', 'handle-exception', 'cancel'],
  'await-response': [
    'await-response',
    'await-visit',
    'await-consult',
    'follow-up',
    'file-consult',
    'intake',
    'cancel',
    'expire',
  ],
  'await-visit': [
    'await-visit',
    'await-response',
    'await-consult',
    'no-show',
    'file-consult',
    'intake',
    'cancel',
    'expire',
  ],
  'await-consult': ['await-consult', 'gap-task', 'file-consult', 'cancel', 'expire'],
} as const;

type Wait = keyof typeof LOOP_EXITS;

/** Routes a wait by the step its event produced; a step the wait does not allow is a defect. */
export function afterLoopEvent<W extends Wait>(wait: W) {
  const exits: readonly string[] = LOOP_EXITS[wait];
  const route = (state: State): (typeof LOOP_EXITS)[W][number] => {
    const next =
      state.loopNext === 'rematch'
        ? 'intake'
        : state.loopNext === 'send-failed'
          ? 'handle-exception'
          : state.loopNext;
    if (!next || !exits.includes(next)) {
      throw new Error(`${wait} cannot go to ${String(next)}`);
    }
    return next as (typeof LOOP_EXITS)[W][number];
  };
  const paths: (typeof LOOP_EXITS)[W][number][] = [...LOOP_EXITS[wait]];
  return [route, paths] as const;
}
