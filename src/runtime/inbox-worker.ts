import { type EventDeps, handleEvent } from '../../graph/index.js';
import { type InboundEvent, type Logger, toAppError } from '../domain/index.js';
import { createPoller } from './poller.js';

/**
 * Drains the webhook inbox off the request path. A run that fails for an unexpected reason is
 * marked failed and handed to a coordinator as a task, so no referral is dropped silently.
 */
export function createInboxWorker(
  deps: EventDeps & { logger: Logger; pollMs: number; concurrency?: number },
) {
  const inFlight = new Set<string>();
  const referralKey = (e: InboundEvent) => `${e.practiceId}\n${e.referralId}`;

  /** The oldest pending event of each referral that has none in flight: one referral's events stay in order. */
  function nextBatch(pending: InboundEvent[]): InboundEvent[] {
    const taken = new Set<string>();
    return pending.filter((e) => {
      const key = referralKey(e);
      if (inFlight.has(key) || taken.has(key)) return false;
      taken.add(key);
      return true;
    });
  }

  async function process(inbound: InboundEvent) {
    try {
      const outcome = await handleEvent(inbound, deps);
      await deps.store.inbox.complete(inbound.webhookId, outcome.status, outcome.detail);
    } catch (error) {
      const appError = toAppError(error);
      deps.logger.error('event processing failed', {
        webhookId: inbound.webhookId,
        code: appError.code,
      });
      await deps.store.inbox.complete(inbound.webhookId, 'failed', appError.code);
      await deps.store.tasks.create({
        practiceId: inbound.practiceId,
        referralId: inbound.referralId,
        key: `inbox-failed|${inbound.webhookId}`,
        task: {
          kind: 'exception',
          title: `Event ${inbound.event.type} for referral ${inbound.referralId} could not be processed`,
          detail: `Processing failed (${appError.code}); the referral is where it was before the event.`,
        },
      });
    }
  }

  async function tick() {
    for (;;) {
      const batch = nextBatch(await deps.store.inbox.pending(200));
      if (batch.length === 0) return;
      const limit = deps.concurrency ?? 4;
      for (let i = 0; i < batch.length; i += limit) {
        const slice = batch.slice(i, i + limit);
        for (const e of slice) inFlight.add(referralKey(e));
        await Promise.all(
          slice.map((e) => process(e).finally(() => inFlight.delete(referralKey(e)))),
        );
      }
    }
  }

  const poller = createPoller(tick, deps.pollMs, (e) =>
    deps.logger.error('inbox worker tick failed', { code: toAppError(e).code }),
  );
  return { ...poller, drain: tick };
}
