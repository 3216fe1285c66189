import {
  type Clock,
  type EhrClient,
  isAppError,
  type Logger,
  type Outbox,
  toAppError,
} from '../domain/index.js';
import { createPoller } from './poller.js';

export interface OutboxRelayOptions {
  outbox: Outbox;
  ehr: EhrClient;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  leaseMs: number;
  pollMs: number;
  backoffMs: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Delivers outbox rows with their idempotency key, so a redelivery after a crash is deduped by the
 * receiver. Retries transient failures with capped exponential backoff; a permanent refusal or the
 * last attempt marks the row failed, which opens a coordinator task.
 */
export function createOutboxRelay(o: OutboxRelayOptions) {
  async function tick() {
    for (;;) {
      const now = o.clock.now();
      const batch = await o.outbox.claim({ now, limit: 20, leaseMs: o.leaseMs });
      if (batch.length === 0) return;
      for (const message of batch) {
        try {
          const { externalId } = await o.ehr.deliver(message.payload, message.idemKey);
          await o.outbox.complete(message.id, { ok: true, externalId });
        } catch (error) {
          const e = toAppError(error);
          const canRetry = isAppError(error) && e.isRetryable && message.attempts < o.maxAttempts;
          const delay = Math.min(o.backoffMs * 2 ** (message.attempts - 1), MAX_BACKOFF_MS);
          o.logger.warn('outbox delivery failed', {
            id: message.id,
            code: e.code,
            attempts: message.attempts,
            willRetry: canRetry,
          });
          await o.outbox.complete(message.id, {
            ok: false,
            error: e.code,
            retryAt: canRetry ? new Date(o.clock.now().getTime() + delay) : null,
          });
        }
      }
    }
  }
  const poller = createPoller(tick, o.pollMs, (e) =>
    o.logger.error('outbox relay tick failed', { code: toAppError(e).code }),
  );
  return { ...poller, drain: tick };
}
