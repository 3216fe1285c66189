import {
  type DecisionReceipt,
  type FallbackReason,
  type OutboxPayload,
  OutcomeMilestone,
  type ReferralFacts,
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
  /** The referral's open tasks of these kinds that this move makes moot. */
  closeTasks?: TransitionInput['closeTasks'];
}

type TransitionState = Pick<
  State,
  'practiceId' | 'referralId' | 'round' | 'mode' | 'referralType' | 'status'
> &
  Partial<
    Pick<
      State,
      | 'candidates'
      | 'selectedId'
      | 'referral'
      | 'specialty'
      | 'coverage'
      | 'exception'
      | 'agentRuns'
    >
  >;

/** Fallbacks that mean the LLM was asked (or would have been) and the rules decided instead. */
const LLM_FAILED: readonly (FallbackReason | null)[] = [
  'timeout',
  'rate_limited',
  'unavailable',
  'invalid_output',
  'rejected',
];

/** The referral's dimensions as this state knows them, for the queue and analytics. */
function factsOf(state: TransitionState): ReferralFacts {
  const planned = state.specialty?.specialties[0];
  const selected = state.candidates?.find((c) => c.candidateId === state.selectedId);
  const runs = state.agentRuns ?? [];
  const attempts = runs.filter((r) => r.path === 'llm' || LLM_FAILED.includes(r.fallback));
  const noOption =
    state.exception?.reason === 'no_valid_candidate' &&
    !(state.candidates ?? []).some((c) => c.isValid && c.checks.inNetwork);
  return {
    specialty: planned?.key ?? null,
    specialtyLabel: planned?.label ?? null,
    urgency: state.referral?.urgency ?? null,
    payerId: state.coverage?.payerId ?? null,
    payerName: state.coverage?.payerName ?? null,
    specialistNpi: selected?.npi ?? null,
    inNetwork: selected ? selected.checks.inNetwork : null,
    noInNetworkOption: noOption ? true : null,
    exceptionReason: state.exception?.reason ?? null,
    llmAttempts: state.agentRuns ? attempts.length : null,
    llmFallbacks: state.agentRuns ? attempts.filter((r) => r.path !== 'llm').length : null,
  };
}

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
    facts: factsOf(state),
    ...(options.closeTasks ? { closeTasks: options.closeTasks } : {}),
    ...(options.recall && !isShadow ? { recall: options.recall } : {}),
  });
  return to;
}
