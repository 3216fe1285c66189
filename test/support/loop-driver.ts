import { applyLoopEvent, handleEvent, toHumanResponses } from '../../graph/index.js';
import { LoopEvent, type LoopEventType } from '../../src/domain/index.js';
import type { createGraphHarness } from '../fakes/graph-harness.js';
import { PRACTICE_ID } from '../fixtures/world.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;

let seq = 0;

/** A loop event as an office, the EHR or a channel would report it. */
export function loopEvent(
  type: LoopEventType,
  fields: Partial<Omit<LoopEvent, 'type'>> = {},
): LoopEvent {
  seq += 1;
  return LoopEvent.parse({
    eventId: `test-${type}-${seq}`,
    at: new Date('2026-01-05T15:00:00Z').toISOString(),
    source: 'hl7',
    ...fields,
    type,
  });
}

/** Applies one loop event to a referral of the harness, as the inbox worker would. */
export function send(h: Harness, referralId: string, event: LoopEvent) {
  return applyLoopEvent({ practiceId: PRACTICE_ID, referralId }, event, {
    ...h.graphDeps,
    runner: h.runner,
  });
}

/** Applies every pending inbox entry (deliveries and fired timers), oldest first. */
export async function drainInbox(h: Harness): Promise<number> {
  let applied = 0;
  for (;;) {
    const pending = await h.store.inbox.pending(50);
    if (pending.length === 0) return applied;
    for (const inbound of pending) {
      const outcome = await handleEvent(inbound, { ...h.graphDeps, runner: h.runner });
      await h.store.inbox.complete(inbound.webhookId, outcome.status, outcome.detail);
      applied++;
    }
  }
}

/** Fires the timers due at the harness clock's time and applies them. */
export async function fireTimers(h: Harness): Promise<number> {
  const fired = await h.store.timers.fireDue(h.clock.now(), 100);
  await drainInbox(h);
  return fired.length;
}

/** A coordinator's decision on the referral's human gate. */
export async function decide(
  h: Harness,
  decision: Parameters<typeof toHumanResponses>[0],
  referralId = 'ref-1',
) {
  const ref = { practiceId: PRACTICE_ID, referralId };
  const [gate] = await h.runner.pending(ref);
  const state = await h.runner.state(ref);
  if (!gate || !state) throw new Error('no gate pending');
  return h.runner.resume({
    ...ref,
    interruptId: gate.id,
    value: toHumanResponses(decision, gate, state),
    actor: 'coordinator:test',
  });
}

/** The outbox relay's part: every queued row is delivered (or refused for good). */
export async function relay(h: Harness, ok = true) {
  for (;;) {
    const rows = await h.store.outbox.claim({ now: h.clock.now(), limit: 50, leaseMs: 60_000 });
    if (rows.length === 0) break;
    for (const row of rows) {
      const packet = row.payload.kind === 'specialist_message';
      await h.store.outbox.complete(
        row.id,
        ok || !packet
          ? { ok: true, externalId: `x-${row.id}` }
          : { ok: false, error: 'REFUSED', retryAt: null },
      );
    }
  }
  await drainInbox(h);
}

/** Started, approved and delivered: the referral waits for the office. */
export async function sentReferral(h: Harness, referralId = 'ref-1') {
  await h.runner.start({ practiceId: PRACTICE_ID, referralId });
  await decide(h, { decision: 'approve' }, referralId);
  await relay(h);
}
