import type {
  DecisionReceipt,
  OutboxPayload,
  ReferralStatus,
  Scalar,
  TaskDraft,
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
}

/**
 * Moves the referral to `to` in one store transaction: status, audit, write-back and sends.
 * Keyed deterministically, so a node re-run after a crash applies it once. Shadow mode writes
 * nothing to the outside world, and a move that keeps the status writes no status back.
 */
export async function transition(
  deps: GraphDeps,
  state: Pick<State, 'practiceId' | 'referralId' | 'round' | 'mode' | 'referralType' | 'status'>,
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
  });
  return to;
}
