import {
  type EhrResponse,
  type ReconcileView,
  type ReferralChange,
  ReferralEvent,
  type ReferralEventType,
  type ReferralStatus,
  TERMINAL_STATUSES,
} from '../src/domain/index.js';

/** An event the EHR's webhook should have brought, keyed so that recording it twice is a no-op. */
export interface MissedEvent {
  webhookId: string;
  event: ReferralEvent;
}

/**
 * Why a changed referral needs nothing: we are in step with the EHR; it belongs to another
 * practice; its webhook arrived and waits in the inbox; it was cancelled before we ever saw it;
 * it carries write-backs although we never started it (not ours to start).
 */
export type MissedReason =
  | 'in_step'
  | 'other_practice'
  | 'arriving'
  | 'cancelled_unseen'
  | 'not_new';

export type MissedVerdict =
  | { kind: 'start'; events: MissedEvent[] }
  | { kind: 'apply'; events: MissedEvent[] }
  | { kind: 'none'; reason: MissedReason };

type Answer = EhrResponse['type'];

/** Our status after the office's answer, or null when the answer is behind us (or too late). */
const AFTER: Record<Answer, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
  acknowledged: { from: ['sent'], to: 'acknowledged' },
  scheduled: { from: ['sent', 'acknowledged'], to: 'scheduled' },
  declined: { from: ['sent', 'acknowledged', 'scheduled'], to: 'declined' },
};

/** Nothing left for a cancellation to stop. */
const ENDED: readonly ReferralStatus[] = [...TERMINAL_STATUSES, 'expired'];

const isAnswer = (status: string): status is Answer => Object.hasOwn(AFTER, status);

/** Staff cancelled it in the EHR (our own `cancelled` write-back echoed is not that). */
function cancelledInEhr(change: ReferralChange): boolean {
  return (
    change.cancelledAt !== null ||
    (change.status === 'cancelled' && change.lastWriteBack !== 'cancelled')
  );
}

/**
 * The office's answers after our latest send, oldest first. An EHR that shows an answer only as
 * its status (not our write-back echoed) counts as one answer at `updatedAt`.
 */
function answersSince(change: ReferralChange, sentAt: string): EhrResponse[] {
  const answers = [...change.responses];
  if (change.status !== change.lastWriteBack && isAnswer(change.status)) {
    answers.push({ type: change.status, at: change.updatedAt });
  }
  const sent = Date.parse(sentAt);
  return answers
    .filter((a) => Date.parse(a.at) > sent)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function missed(
  change: ReferralChange,
  practiceId: string,
  type: ReferralEventType,
  key: string,
  at: string,
  extra: { note?: string | undefined; appointmentAt?: string | undefined } = {},
): MissedEvent {
  const event = ReferralEvent.parse({
    type,
    timestamp: at,
    data: {
      referral_id: change.referralId,
      practice_id: change.practiceId,
      ...(extra.note ? { note: extra.note } : {}),
      ...(extra.appointmentAt ? { appointment_at: extra.appointmentAt } : {}),
    },
  });
  return { webhookId: `reconcile|${practiceId}|${change.referralId}|${key}`, event };
}

/**
 * The answers our status shows we missed, each applied in turn to what we would then be. Their
 * ids put the time first: recorded in one instant, the inbox still applies them in order.
 */
function missedAnswers(
  change: ReferralChange,
  practiceId: string,
  tracked: NonNullable<ReconcileView['tracked']>,
  pending: readonly ReferralEventType[],
): MissedEvent[] {
  if (tracked.sentAt === null) return [];
  const events: MissedEvent[] = [];
  let status = tracked.status;
  for (const answer of answersSince(change, tracked.sentAt)) {
    const step = AFTER[answer.type];
    if (!step.from.includes(status)) continue;
    status = step.to;
    const type = `referral.${answer.type}` as const;
    if (pending.includes(type)) continue;
    events.push(
      missed(change, practiceId, type, `${answer.at}|${answer.type}`, answer.at, {
        note: answer.note,
        appointmentAt: answer.appointmentAt,
      }),
    );
  }
  return events;
}

/**
 * Which webhooks of a changed referral never reached us, judged from the EHR's record and ours.
 * The events are the ones the EHR would have sent, so the inbox applies them as it would have.
 *
 * | the EHR shows | we have | event |
 * | --- | --- | --- |
 * | a referral, not cancelled, no write-backs | nothing | `referral.created` |
 * | `cancelled_at`, or `cancelled` that is not our write-back | an open referral | `referral.cancelled` |
 * | an answer after our latest send | `sent` | `referral.acknowledged` |
 * | a booking after our latest send | `sent`, `acknowledged` | `referral.scheduled` |
 * | a decline after our latest send | `sent`, `acknowledged`, `scheduled` | `referral.declined` |
 * | its status equal to our last write-back | anything | nothing (our own echo) |
 */
export function missedEvents(
  practiceId: string,
  change: ReferralChange,
  view: ReconcileView,
): MissedVerdict {
  if (change.practiceId !== practiceId) return { kind: 'none', reason: 'other_practice' };
  const { tracked, pending } = view;
  if (tracked === null) {
    if (pending.includes('referral.created')) return { kind: 'none', reason: 'arriving' };
    if (cancelledInEhr(change)) return { kind: 'none', reason: 'cancelled_unseen' };
    if (change.lastWriteBack !== null) return { kind: 'none', reason: 'not_new' };
    const at = change.createdAt ?? change.updatedAt;
    return {
      kind: 'start',
      events: [missed(change, practiceId, 'referral.created', 'created', at)],
    };
  }
  if (cancelledInEhr(change)) {
    if (ENDED.includes(tracked.status)) return { kind: 'none', reason: 'in_step' };
    if (pending.includes('referral.cancelled')) return { kind: 'none', reason: 'arriving' };
    const at = change.cancelledAt ?? change.updatedAt;
    const event = missed(change, practiceId, 'referral.cancelled', 'cancelled', at, {
      note: change.cancellationNote,
    });
    return { kind: 'apply', events: [event] };
  }
  const events = missedAnswers(change, practiceId, tracked, pending);
  return events.length > 0 ? { kind: 'apply', events } : { kind: 'none', reason: 'in_step' };
}
