import {
  AppError,
  type Clock,
  type DecisionReceipt,
  LoopEvent,
  type ReviewDecision,
  type Store,
} from '../src/domain/index.js';
import { refuseUnlistedSpecialist, toHumanResponses } from './decisions.js';
import type { PendingInterrupt, ReferralRef, ReferralRunner } from './runner.js';

/** A coordinator's cancellation of a referral waiting for the outside world, as a loop event. */
function coordinatorCancel(
  input: { actor: string; decision: ReviewDecision },
  clock: Clock,
): LoopEvent {
  const at = clock.now().toISOString();
  return LoopEvent.parse({
    type: 'cancelled',
    eventId: `cancel|${input.actor}|${at}`,
    at,
    source: 'coordinator',
    note: input.decision.note ?? 'Cancelled by coordinator',
  });
}

/**
 * Applies a coordinator's decision to the human gate pending on a referral (review or exception),
 * and audits who decided what on which gate. Refuses with CONFLICT when no gate is pending. The
 * `receipt` (the request's Idempotency-Key) is stored in the transaction that records the decision.
 */
export async function applyDecision(
  input: ReferralRef & { decision: ReviewDecision; actor: string; receipt?: DecisionReceipt },
  deps: { runner: ReferralRunner; store: Store; clock: Clock },
): Promise<PendingInterrupt | null> {
  const gates = await deps.runner.pending(input);
  const gate =
    gates.find((g) => g.kind === 'review' || g.kind === 'exception') ??
    (input.decision.decision === 'cancel' ? gates[0] : undefined);
  const state = await deps.runner.state(input);
  if (!gate || !state) {
    throw new AppError(
      'CONFLICT',
      input.decision.decision === 'cancel'
        ? 'This referral is not open: there is nothing to cancel'
        : 'No review or exception is pending for this referral',
    );
  }
  const isHuman = gate.kind === 'review' || gate.kind === 'exception';
  const value = isHuman
    ? toHumanResponses(input.decision, gate, state)
    : coordinatorCancel(input, deps.clock);
  if (isHuman) await refuseUnlistedSpecialist(input.decision, deps.store.directory);
  const next = await deps.runner.resume({
    ...input,
    interruptId: gate.id,
    value,
    actor: input.actor,
    ...(input.receipt ? { receipt: input.receipt } : {}),
  });
  await deps.store.audit.append({
    practiceId: input.practiceId,
    referralId: input.referralId,
    actor: input.actor,
    action: 'review.decided',
    data: {
      decision: input.decision.decision,
      interruptId: gate.id,
      gate: gate.kind,
      recommended: state.recommendedId,
      candidateId: input.decision.candidateId ?? null,
      specialty: input.decision.specialty ?? null,
      npi: input.decision.npi ?? null,
      hasNote: input.decision.note !== undefined,
    },
  });
  return next;
}
