import { type MissedReason, missedEvents } from '../../graph/index.js';
import {
  type AuditLog,
  type Clock,
  type EhrClient,
  type Inbox,
  type Logger,
  type ReconcileStore,
  type ReferralChange,
  type ReferralChangePage,
  toAppError,
} from '../domain/index.js';
import { createPoller } from './poller.js';

/** What one pass did (audited as is: counts, a code and the EHR's timestamp, nothing else). */
export interface ReconcilePass {
  /** false: the EHR failed mid-pass; the cursor stays after the last page fully recorded. */
  ok: boolean;
  code: string | null;
  pages: number;
  changes: number;
  /** Entries of the feed that did not validate, skipped. */
  invalid: number;
  /** `referral.created` events recorded for referrals we never started. */
  started: number;
  /** Other missed events recorded (cancellations, the office's answers). */
  applied: number;
  /** Events an earlier pass had already recorded. */
  duplicates: number;
  skipped: Record<MissedReason, number>;
  /** Where the next pass starts (the EHR's `updated_at` of the last change read). */
  cursor: string;
}

export interface ReconcilerOptions {
  ehr: Pick<EhrClient, 'listChangedReferrals'>;
  store: {
    inbox: Pick<Inbox, 'record'>;
    reconcile: ReconcileStore;
    audit: Pick<AuditLog, 'append'>;
  };
  clock: Clock;
  logger: Logger;
  /** The practice of the EHR connection (whose webhooks the service verifies). */
  practiceId: string;
  /** Between passes; 0: no periodic pass (`reconcile()` still runs one). */
  intervalMs: number;
  /** A practice's first pass reads the changes of this window before it. */
  lookbackMs: number;
  pageSize?: number;
  /** Pages per pass; a longer backlog continues in the next pass, started at once. */
  maxPages?: number;
  /** Called when a pass recorded events (so the inbox worker picks them up now). */
  onRecorded?: () => void;
}

const ACTOR = 'reconciler';

const noneSkipped = (): Record<MissedReason, number> => ({
  in_step: 0,
  other_practice: 0,
  arriving: 0,
  cancelled_unseen: 0,
  not_new: 0,
});

/**
 * Reads the EHR's change feed from where the last pass stopped and records, in the inbox, the
 * webhooks that never reached us (a referral never started, a cancellation, an office's answer),
 * keyed so a second pass or the late webhook itself changes nothing. The cursor moves only after
 * a page's events are recorded; an EHR failure is logged, audited and retried by the next pass.
 */
export function createReconciler(o: ReconcilerOptions) {
  const pageSize = o.pageSize ?? 100;
  const maxPages = o.maxPages ?? 50;

  async function recordPage(changes: ReferralChange[], pass: ReconcilePass): Promise<void> {
    const views = await o.store.reconcile.lookUp(
      o.practiceId,
      changes.map((c) => c.referralId),
    );
    for (const change of changes) {
      const view = views.get(change.referralId) ?? { tracked: null, pending: [] };
      const verdict = missedEvents(o.practiceId, change, view);
      if (verdict.kind === 'none') {
        pass.skipped[verdict.reason] += 1;
        continue;
      }
      for (const { webhookId, event } of verdict.events) {
        const { duplicate } = await o.store.inbox.record({
          webhookId,
          practiceId: o.practiceId,
          event,
        });
        if (duplicate) pass.duplicates += 1;
        else if (verdict.kind === 'start') pass.started += 1;
        else pass.applied += 1;
      }
    }
  }

  async function runPass(): Promise<ReconcilePass> {
    let since = await o.store.reconcile.cursor(o.practiceId);
    if (since === undefined) {
      // A practice's first pass: the lookback window is anchored once, even if the EHR is down.
      since = new Date(o.clock.now().getTime() - o.lookbackMs).toISOString();
      await o.store.reconcile.advance(o.practiceId, since);
    }
    const pass: ReconcilePass = {
      ok: true,
      code: null,
      pages: 0,
      changes: 0,
      invalid: 0,
      started: 0,
      applied: 0,
      duplicates: 0,
      skipped: noneSkipped(),
      cursor: since,
    };
    let more = false;
    for (let n = 0; n < maxPages; n++) {
      let page: ReferralChangePage;
      try {
        page = await o.ehr.listChangedReferrals({ since, limit: pageSize });
      } catch (error) {
        pass.ok = false;
        pass.code = toAppError(error).code;
        break;
      }
      pass.pages += 1;
      pass.changes += page.changes.length;
      pass.invalid += page.invalid;
      await recordPage(page.changes, pass);
      const next = page.nextCursor ?? page.lastUpdatedAt;
      if (next !== null) {
        await o.store.reconcile.advance(o.practiceId, next);
        pass.cursor = next;
      }
      if (page.nextCursor === null) break;
      if (page.nextCursor === since) {
        o.logger.warn('reconcile: the EHR change feed did not advance', { pages: pass.pages });
        break;
      }
      since = page.nextCursor;
      more = n === maxPages - 1;
    }
    if (pass.started + pass.applied > 0) o.onRecorded?.();
    // A quiet pass (every minute, most of the day) leaves no audit row; a change or a failure does.
    if (!pass.ok || pass.changes > 0) await audit(pass);
    if (more) poller.nudge();
    return pass;
  }

  async function audit(pass: ReconcilePass): Promise<void> {
    const { skipped, ...counts } = pass;
    const skippedTotal = Object.values(skipped).reduce((a, b) => a + b, 0);
    await o.store.audit.append({
      practiceId: o.practiceId,
      referralId: null,
      actor: ACTOR,
      action: 'reconcile.pass',
      data: { ...counts, skipped: skippedTotal, ...prefixed(skipped) },
    });
    const fields = { pages: pass.pages, changes: pass.changes, started: pass.started };
    if (!pass.ok) {
      o.logger.warn('reconcile pass stopped: the EHR failed', { code: pass.code, ...fields });
    } else if (pass.started + pass.applied > 0) {
      o.logger.info('reconciled missed events', { ...fields, applied: pass.applied });
    }
    if (pass.invalid > 0)
      o.logger.warn('reconcile skipped invalid entries', { count: pass.invalid });
  }

  /** One pass at a time in this process; a call during a pass waits for it, then runs its own. */
  let current: Promise<ReconcilePass> | undefined;
  async function reconcile(): Promise<ReconcilePass> {
    while (current) await current.catch(() => undefined);
    current = runPass();
    try {
      return await current;
    } finally {
      current = undefined;
    }
  }

  const poller = createPoller(
    async () => {
      await reconcile();
    },
    Math.max(o.intervalMs, 1),
    (e) => o.logger.error('reconcile pass failed', { code: toAppError(e).code }),
  );

  return {
    start() {
      if (o.intervalMs > 0) poller.start();
    },
    async stop() {
      await poller.stop();
      await current?.catch(() => undefined);
    },
    /** Runs one pass now (after the one in flight, if any). */
    reconcile,
  };
}

/** `{ in_step: 2 }` → `{ skippedInStep: 2 }`, the audit's key style. */
function prefixed(skipped: Record<MissedReason, number>): Record<string, number> {
  const camel = (reason: string) =>
    reason.replace(/(^|_)([a-z])/g, (_, _sep: string, c: string) => c.toUpperCase());
  return Object.fromEntries(Object.entries(skipped).map(([k, v]) => [`skipped${camel(k)}`, v]));
}
