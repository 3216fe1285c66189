import type { InboundEvent, SpecialistResponse, Store } from '../src/domain/index.js';
import type { ReferralRunner } from './runner.js';

export type EventOutcome = { status: 'processed' | 'ignored'; detail: string };

/** Applies one EHR event to its referral's thread: start it, or wake the wait for a response. */
export async function handleEvent(
  inbound: InboundEvent,
  deps: { runner: ReferralRunner; store: Store },
): Promise<EventOutcome> {
  const ref = { practiceId: inbound.practiceId, referralId: inbound.referralId };
  const { event } = inbound;
  if (event.type === 'referral.created') {
    const result = await deps.runner.start(ref);
    return { status: 'processed', detail: result };
  }
  const gate = (await deps.runner.pending(ref)).find((g) => g.kind === 'await-response');
  if (!gate) {
    await deps.store.audit.append({
      practiceId: ref.practiceId,
      referralId: ref.referralId,
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
