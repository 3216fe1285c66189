import { confirmReferral } from '../agents/index.js';
import type { InboundEvent, Referral, SpecialistResponse } from '../src/domain/index.js';
import type { GraphDeps } from './deps.js';
import type { ReferralRef, ReferralRunner } from './runner.js';

export type EventOutcome = { status: 'processed' | 'ignored' | 'refused'; detail: string };

export type EventDeps = Pick<GraphDeps, 'tools' | 'store' | 'clock'> & { runner: ReferralRunner };

/**
 * Applies one EHR event to its referral's thread: start it, or wake the wait for a response.
 * An event is applied only within the practice whose credentials signed it, and only to a
 * referral that practice's EHR knows; anything else is refused (see `refuse`).
 */
export async function handleEvent(inbound: InboundEvent, deps: EventDeps): Promise<EventOutcome> {
  const ref = { practiceId: inbound.practiceId, referralId: inbound.referralId };
  const { event } = inbound;
  const known = event.data.practice_id === inbound.practiceId && (await lookUp(ref, inbound, deps));
  if (!known) return refuse(inbound, deps);
  if (event.type === 'referral.created') {
    const result = await deps.runner.start(ref, known === 'tracked' ? null : known.fetched);
    return { status: 'processed', detail: result };
  }
  const gate = (await deps.runner.pending(ref)).find((g) => g.kind === 'await-response');
  if (!gate) {
    await deps.store.audit.append({
      ...ref,
      actor: 'ehr',
      action: 'event.ignored',
      data: { webhookId: inbound.webhookId, type: event.type, reason: 'not_awaiting_response' },
    });
    return { status: 'ignored', detail: 'not awaiting a specialist response' };
  }
  const response: SpecialistResponse = {
    type: event.type.replace('referral.', '') as SpecialistResponse['type'],
    eventId: inbound.webhookId,
    at: event.timestamp,
    ...(event.data.note ? { note: event.data.note } : {}),
    ...(event.data.appointment_at ? { appointmentAt: event.data.appointment_at } : {}),
  };
  await deps.runner.resume({ ...ref, interruptId: gate.id, value: response, actor: 'ehr' });
  return { status: 'processed', detail: response.type };
}

/**
 * A referral we track is known; a new one must be known to the practice's EHR (what it answered
 * is handed to intake). When the EHR cannot answer, a `referral.created` goes ahead (intake meets
 * the same outage and parks the referral for a coordinator); other events need a tracked referral.
 */
async function lookUp(
  ref: ReferralRef,
  inbound: InboundEvent,
  deps: EventDeps,
): Promise<'tracked' | { fetched: Referral | null } | null> {
  if (await deps.store.referrals.getReferral(ref.practiceId, ref.referralId)) return 'tracked';
  if (inbound.event.type !== 'referral.created') return null;
  const answer = await confirmReferral(ref, { deps: deps.tools, audit: deps.store.audit });
  if (answer === 'unknown') return null;
  return { fetched: answer === 'unconfirmed' ? null : answer.known };
}

/**
 * One audited refusal and at most one coordinator task per referral id a day; nothing is created
 * for the referral and nothing is written to the EHR. A practice mismatch, an id the EHR does not
 * know and another practice's id are refused alike, so the answer reveals nothing.
 */
async function refuse(inbound: InboundEvent, deps: EventDeps): Promise<EventOutcome> {
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
