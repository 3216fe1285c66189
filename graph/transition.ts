import {
  type DecisionReceipt,
  type OutboxPayload,
  OutcomeMilestone,
  type ReferralStatus,
  type Scalar,
  type TaskDraft,
  type TransitionInput,
} from '../src/domain/index.js';
import type { GraphDeps } from './deps.js';
import type { State } from './state.js';

export interface TransitionOptions {
  actor?: string;
  /** Distinguishes repeats of the same move in one round (e.g. the event id of an acknowledgement). */
  keySuffix?: string;
  data?: Record<string, Scalar>;
  note?: string;
  /** Sends authorized by this move, beyond the status write-back. */
  outbox?: OutboxPayload[];
  tasks?: TaskDraft[];
  /** The coordinator request that decided this move (see `receiptOf`). */
  receipt?: DecisionReceipt | undefined;
  /**
   * The specialist's milestone this move marks, when it is not the new status itself (a no-show);
   * `at` is when it happened (default now) and `appointmentAt` the booking it carries.
   */
  outcome?: { milestone?: OutcomeMilestone; at?: string; appointmentAt?: string | null };
  /** Queued messages to take back, and what to send instead if one already left. */
  recall?: TransitionInput['recall'];
}

type TransitionState = Pick<
  State,
  'practiceId' | 'referralId' | 'round' | 'mode' | 'referralType' | 'status'
> &
  Partial<Pick<State, 'candidates' | 'selectedId'>>;

/** The milestone of the specialist's record the move marks, for the candidate it was sent to. */
function outcomeOf(
  deps: GraphDeps,
  state: TransitionState,
  to: ReferralStatus,
  o: TransitionOptions,
) {
  const npi = state.candidates?.find((c) => c.candidateId === state.selectedId)?.npi;
  const status = OutcomeMilestone.safeParse(to);
  const milestone =
    o.outcome?.milestone ?? (to !== state.status && status.success ? status.data : null);
  if (!npi || !milestone) return undefined;
  return {
    npi,
    milestone,
    at: o.outcome?.at ?? deps.clock.now().toISOString(),
    ...(o.outcome?.appointmentAt ? { appointmentAt: o.outcome.appointmentAt } : {}),
  };
}

/**
 * Moves the referral to `to` in one store transaction: status, audit, write-back and sends.
 * Keyed deterministically, so a node re-run after a crash applies it once. Shadow mode writes
 * nothing to the outside world, and a move that keeps the status writes no status back.
 */
export async function transition(
  deps: GraphDeps,
  state: TransitionState,
  to: ReferralStatus,
  options: TransitionOptions = {},
): Promise<ReferralStatus> {
  const isShadow = state.mode === 'shadow';
  const writeback: OutboxPayload[] =
    state.status === to
      ? []
      : [
          {
            kind: 'status_writeback',
            referralId: state.referralId,
            status: to,
            ...(options.note ? { note: options.note } : {}),
          },
        ];
  const suffix = options.keySuffix ? `|${options.keySuffix}` : '';
  const outcome = isShadow ? undefined : outcomeOf(deps, state, to, options);
  await deps.store.referrals.applyTransition({
    practiceId: state.practiceId,
    referralId: state.referralId,
    to,
    actor: options.actor ?? 'system',
    key: `${state.practiceId}|${state.referralId}|${to}|r${state.round}${suffix}`,
    data: { round: state.round, mode: state.mode, ...options.data },
    outbox: isShadow ? [] : [...writeback, ...(options.outbox ?? [])],
    tasks: options.tasks ?? [],
    meta: { referralType: state.referralType, mode: state.mode },
    ...(options.receipt ? { receipt: options.receipt } : {}),
    ...(outcome ? { outcome } : {}),
    ...(options.recall && !isShadow ? { recall: options.recall } : {}),
  });
  return to;
}
