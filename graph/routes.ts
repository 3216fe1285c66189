import type { State } from './state.js';

/** After a stage that may fail: a recorded exception goes to a human, else on to `next`. */
export const orException =
  <N extends string>(next: N) =>
  (state: State): N | 'handle-exception' =>
    state.exception ? 'handle-exception' : next;

/** Shadow mode stops after recommending: nothing reaches a reviewer, the EHR or a specialist. */
export const afterDraft = (state: State): 'review' | 'close' =>
  state.mode === 'shadow' ? 'close' : 'review';

export const afterReview = (state: State): 'dispatch' | 'close' =>
  state.status === 'approved' ? 'dispatch' : 'close';

export const afterResponse = (state: State): 'await-response' | 'intake' | 'close' =>
  state.status === 'scheduled'
    ? 'close'
    : state.status === 'declined'
      ? 'intake'
      : 'await-response';

export const afterException = (state: State): 'intake' | 'close' =>
  state.status === 'cancelled' ? 'close' : 'intake';
