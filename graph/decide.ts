import {
  AppError,
  type DecisionReceipt,
  type ReviewDecision,
  type Store,
} from '../src/domain/index.js';
import { toHumanResponses } from './decisions.js';
import type { PendingInterrupt, ReferralRef, ReferralRunner } from './runner.js';

/**
 * Applies a coordinator's decision to the human gate pending on a referral (review or exception),
 * and audits who decided what on which gate. Refuses with CONFLICT when no gate is pending. The
 * `receipt` (the request's Idempotency-Key) is stored in the transaction that records the decision.
 */
export async function applyDecision(
  input: ReferralRef & { decision: ReviewDecision; actor: string; receipt?: DecisionReceipt },
  deps: { runner: ReferralRunner; store: Store },
): Promise<PendingInterrupt | null> {
  const gate = (await deps.runner.pending(input)).find((g) => g.kind !== 'await-response');
  const state = await deps.runner.state(input);
  if (!gate || !state) {
    throw new AppError('CONFLICT', 'No review or exception is pending for this referral');
  }
  const value = toHumanResponses(input.decision, gate, state);
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
      hasNote: input.decision.note !== undefined,
    },
  });
  return next;
}
