import type {
  LoopEvent,
  LoopProgress,
  LoopRoute,
  LoopStage,
  ReferralStatus,
  TimerKind,
} from '../../src/domain/index.js';

/** What a loop event does to a waiting referral: the move (if any), where to go, what to record. */
export interface LoopStep {
  to: ReferralStatus | null;
  next: LoopRoute;
  loop: Partial<LoopProgress>;
  /** Why an event changed nothing (audited as `event.ignored`). */
  ignored?: string;
  /** The event is taken again by the next wait (the office answered before the delivery was recorded). */
  replay?: boolean;
}

const TIMEOUT_ROUTE: Record<TimerKind, LoopRoute> = {
  acknowledgement: 'follow-up',
  scheduling: 'follow-up',
  visit: 'no-show',
  consult: 'gap-task',
  expiry: 'expire',
};

/** The office has the referral and has not yet seen the patient. */
const BEFORE_VISIT: readonly ReferralStatus[] = ['sent', 'acknowledged', 'scheduled'];

const stay = (stage: LoopStage, why: string): LoopStep => ({
  to: null,
  next: stage,
  loop: {},
  ignored: why,
});

/** What only an office holding the referral can say. */
const FROM_THE_OFFICE: readonly LoopEvent['type'][] = [
  'acknowledged',
  'scheduled',
  'rescheduled',
  'appointment_cancelled',
  'no_show',
  'seen',
  'consult_received',
  'declined',
];

/**
 * Before the channel's acceptance is recorded, only the delivery outcome counts; an office that
 * already answers has the packet, so the referral is `sent` and its answer taken again next.
 */
function beforeDelivery(stage: LoopStage, event: LoopEvent): LoopStep {
  if (event.type === 'delivered') {
    return { to: 'sent', next: 'await-response', loop: { sentAt: event.at } };
  }
  if (event.type === 'delivery_failed') return { to: null, next: 'send-failed', loop: {} };
  if (FROM_THE_OFFICE.includes(event.type)) {
    return { to: 'sent', next: 'await-response', loop: { sentAt: event.at }, replay: true };
  }
  return stay(stage, 'not_delivered_yet');
}

/**
 * The loop's rules: an event moves the referral forward (an office may skip steps: a consult
 * note can come first), never back except an appointment that fell through; anything else is
 * recorded and ignored. `cancelled` and timeouts apply at every wait.
 */
export function loopStep(
  stage: LoopStage,
  status: ReferralStatus,
  loop: LoopProgress,
  event: LoopEvent,
): LoopStep {
  if (event.type === 'cancelled') return { to: null, next: 'cancel', loop: {} };
  if (event.type === 'timeout') {
    if (!event.timer || event.waitKey !== loop.wait?.key) return stay(stage, 'stale_timer');
    return { to: null, next: TIMEOUT_ROUTE[event.timer], loop: {} };
  }
  if (stage === 'await-delivery') return beforeDelivery(stage, event);
  const beforeVisit = BEFORE_VISIT.includes(status);
  switch (event.type) {
    case 'acknowledged':
      return status === 'sent'
        ? { to: 'acknowledged', next: 'await-response', loop: { acknowledgedAt: event.at } }
        : stay(stage, 'already_acknowledged');
    case 'scheduled':
    case 'rescheduled':
      if (!beforeVisit) return stay(stage, 'already_seen');
      return {
        to: 'scheduled',
        next: 'await-visit',
        loop: { appointmentAt: event.appointmentAt ?? null },
      };
    case 'appointment_cancelled':
      return status === 'scheduled'
        ? {
            to: 'acknowledged',
            next: 'await-response',
            loop: {
              appointmentAt: null,
              acknowledgedAt: event.at,
              followUps: 0,
              lastFollowUpAt: null,
            },
          }
        : stay(stage, 'no_appointment');
    case 'no_show':
      return status === 'scheduled'
        ? { to: null, next: 'no-show', loop: {} }
        : stay(stage, 'no_appointment');
    case 'seen':
      return beforeVisit
        ? { to: 'seen', next: 'await-consult', loop: { seenAt: event.at } }
        : stay(stage, 'already_seen');
    case 'consult_received':
      return event.documentId
        ? { to: null, next: 'file-consult', loop: {} }
        : stay(stage, 'no_document');
    case 'declined':
      return beforeVisit
        ? { to: 'declined', next: 'rematch', loop: {} }
        : stay(stage, 'already_seen');
    default:
      return stay(stage, 'not_applicable');
  }
}
