import { createHash } from 'node:crypto';
import { applyDecision, type ReferralRunner } from '../../graph/index.js';
import {
  AppError,
  type Clock,
  isAppError,
  type ReferralRecord,
  type ReviewDecision,
  type Store,
} from '../domain/index.js';

export interface DecisionAnswer {
  referralId: string;
  decision: ReviewDecision['decision'];
  status: ReferralRecord['status'];
  pending: ReferralRecord['pendingInterruptKind'];
}

/**
 * Applies a coordinator's decision once per Idempotency-Key. The key is stored by the transition
 * that records the decision, so a retry gets the first answer even when the process died between
 * the decision and its answer; a key reused with other parameters is refused.
 */
export async function decideOnce(
  input: {
    practiceId: string;
    referralId: string;
    key: string;
    decision: ReviewDecision;
    actor: string;
  },
  deps: { store: Store; runner: ReferralRunner; clock: Clock },
): Promise<DecisionAnswer> {
  const { practiceId, referralId, key, decision } = input;
  const ref = { practiceId, referralId };
  const requestHash = createHash('sha256')
    .update(JSON.stringify([referralId, decision]))
    .digest('hex');

  const answerNow = async (): Promise<DecisionAnswer> => {
    const record = await deps.store.referrals.getReferral(practiceId, referralId);
    if (!record) throw new AppError('NOT_FOUND', 'Referral not found');
    return {
      referralId,
      decision: decision.decision,
      status: record.status,
      pending: record.pendingInterruptKind,
    };
  };
  /** The first answer; written now when the decision's run ended before it could answer. */
  const recorded = async (): Promise<DecisionAnswer | undefined> => {
    const stored = await deps.store.idempotency.get(practiceId, key);
    if (!stored) return undefined;
    if (stored.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_MISMATCH',
        'This Idempotency-Key was used with other parameters',
      );
    }
    if (stored.body !== null) return stored.body as DecisionAnswer;
    await deps.runner.settle(ref);
    return remember(await answerNow());
  };
  const remember = async (answer: DecisionAnswer): Promise<DecisionAnswer> => {
    await deps.store.idempotency.save(practiceId, key, {
      requestHash,
      statusCode: 200,
      body: answer,
    });
    const stored = await deps.store.idempotency.get(practiceId, key);
    return (stored?.body as DecisionAnswer | null) ?? answer;
  };

  const first = await recorded();
  if (first) return first;
  try {
    await applyDecision({ ...input, receipt: { key, requestHash } }, deps);
  } catch (error) {
    // Another request with this key may have taken the gate first: its answer is ours.
    const raced = isAppError(error) && error.code === 'CONFLICT' ? await recorded() : undefined;
    if (raced) return raced;
    throw error;
  }
  return remember(await answerNow());
}
