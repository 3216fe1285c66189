import { type AuditLog, type Logger, toAppError } from '../domain/index.js';
import { createPoller } from './poller.js';

export interface AuditAnchorerOptions {
  audit: AuditLog;
  logger: Logger;
  intervalMs: number;
}

/**
 * Checkpoints the audit chain's head every interval, and once more on stop so a clean shutdown
 * leaves nothing unanchored. The logged seq and MAC are a witness kept outside the database.
 */
export function createAuditAnchorer(o: AuditAnchorerOptions) {
  const onError = (e: unknown) => {
    const error = toAppError(e);
    o.logger.error('audit anchor failed', { code: error.code, message: error.message });
  };
  async function tick() {
    const checkpoint = await o.audit.anchor();
    if (checkpoint)
      o.logger.info('audit chain anchored', { seq: checkpoint.seq, mac: checkpoint.mac });
  }
  const poller = createPoller(tick, o.intervalMs, onError);
  return {
    start: poller.start,
    tick,
    async stop() {
      await poller.stop();
      await tick().catch(onError);
    },
  };
}
