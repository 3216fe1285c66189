import { confirmReferral } from '../agents/index.js';
import {
  AWAIT_KINDS,
  type InboundEvent,
  LoopEvent,
  type PendingInterruptKind,
  type Referral,
  type ReferralEvent,
} from '../src/domain/index.js';
import type { GraphDeps } from './deps.js';
import type { PendingInterrupt, ReferralRef, ReferralRunner } from './runner.js';
import { isAwaitRequest } from './wait.js';

export type EventOutcome = { status: 'processed' | 'ignored' | 'refused'; detail: string };

export type EventDeps = Pick<GraphDeps, 'tools' | 'store' | 'clock'> & { runner: ReferralRunner };

const isAwait = (kind: PendingInterruptKind) => (AWAIT_KINDS as readonly string[]).includes(kind);

/** The EHR's webhook as a loop event (its `referral.<type>` names one of ours). */
function fromEhr(webhookId: string, event: ReferralEvent): LoopEvent {
  return LoopEvent.parse({
    type: event.type.replace('referral.', ''),
    eventId: webhookId,
    at: event.timestamp,
    source: 'ehr',
    ...(event.data.note ? { note: event.data.note } : {}),
    ...(event.data.appointment_at ? { appointmentAt: event.data.appointment_at } : {}),
  });
}

/**
 * The gate an event resumes: a wait of the loop takes any loop event (a timeout only for the
 * wait it was set for); a human gate takes only a cancellation, as the Agent Inbox's `ignore`.
 */
function gateFor(event: LoopEvent, gates: PendingInterrupt[]) {
  const wait = gates.find((g) => isAwait(g.kind));
  if (wait) {
    const stale =
      event.type === 'timeout' &&
      isAwaitRequest(wait.value) &&
      wait.value.wait_key !== event.waitKey;
    return stale ? null : { interruptId: wait.id, value: event };
  }
  const human = gates.find((g) => g.kind === 'review' || g.kind === 'exception');
  if (human && event.type === 'cancelled') {
    return { interruptId: human.id, value: [{ type: 'ignore', args: null }] };
  }
  return null;
}

/** Applies a loop event to its referral's thread, or records why it changed nothing. */
export async function applyLoopEvent(
  ref: ReferralRef,
  event: LoopEvent,
  deps: EventDeps,
): Promise<EventOutcome> {
  const result = await deps.runner.deliver(ref, (gates) => gateFor(event, gates), event.source);
  if (result === 'resumed') return { status: 'processed', detail: event.type };
  await deps.store.audit.append({
    ...ref,
    actor: event.source,
    action: 'event.ignored',
    data: { eventId: event.eventId, type: event.type, reason: 'not_awaiting_event' },
  });
  return { status: 'ignored', detail: `nothing is waiting for ${event.type}` };
}

/**
 * Applies one inbox entry to its referral's thread: an EHR webhook starts it or becomes a loop
 * event; the service's own loop events (deliveries, HL7 v2, timers) are applied as they are. An
 * EHR event is applied only within the practice whose credentials signed it, and only to a
 * referral that practice's EHR knows; anything else is refused (see `refuse`).
 */
export async function handleEvent(inbound: InboundEvent, deps: EventDeps): Promise<EventOutcome> {
  const ref = { practiceId: inbound.practiceId, referralId: inbound.referralId };
  if (inbound.origin === 'loop') return applyLoopEvent(ref, inbound.event, deps);
  const { event } = inbound;
  const known = event.data.practice_id === inbound.practiceId && (await lookUp(ref, event, deps));
  if (!known) return refuse(inbound, deps);
  if (event.type === 'referral.created') {
    const result = await deps.runner.start(ref, known === 'tracked' ? null : known.fetched);
    return { status: 'processed', detail: result };
  }
  return applyLoopEvent(ref, fromEhr(inbound.webhookId, event), deps);
}

/**
 * A referral we track is known; a new one must be known to the practice's EHR (what it answered
 * is handed to intake). When the EHR cannot answer, a `referral.created` goes ahead (intake meets
 * the same outage and parks the referral for a coordinator); other events need a tracked referral.
 */
async function lookUp(
  ref: ReferralRef,
  event: ReferralEvent,
  deps: EventDeps,
): Promise<'tracked' | { fetched: Referral | null } | null> {
  if (await deps.store.referrals.getReferral(ref.practiceId, ref.referralId)) return 'tracked';
  if (event.type !== 'referral.created') return null;
  const answer = await confirmReferral(ref, { deps: deps.tools, audit: deps.store.audit });
  if (answer === 'unknown') return null;
  return { fetched: answer === 'unconfirmed' ? null : answer.known };
}

/**
 * One audited refusal and at most one coordinator task per referral id a day; nothing is created
 * for the referral and nothing is written to the EHR. A practice mismatch, an id the EHR does not
 * know and another practice's id are refused alike, so the answer reveals nothing.
 */
async function refuse(
  inbound: InboundEvent & { origin: 'ehr' },
  deps: EventDeps,
): Promise<EventOutcome> {
  const { practiceId, referralId, webhookId } = inbound;
  await deps.store.audit.append({
    practiceId,
    referralId,
    actor: 'ehr',
    action: 'event.refused',
    data: { webhookId, type: inbound.event.type, reason: 'unknown_referral' },
  });
  const day = deps.clock.now().toISOString().slice(0, 10);
  await deps.store.tasks.create({
    practiceId,
    referralId,
    key: `event-refused|${practiceId}|${referralId}|${day}`,
    task: {
      kind: 'unknown_referral',
      title: `The EHR sent events for referral ${referralId}, which it does not know`,
      detail:
        'Events for this referral id were refused and nothing was started. If the referral exists, check that it was created in this practice; further refusals today add to this task.',
    },
  });
  return { status: 'refused', detail: 'unknown referral' };
}
