import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../test/fakes/graph-harness.js';
import { PRACTICE_ID } from '../../test/fixtures/world.js';
import { drainInbox, sentReferral } from '../../test/support/loop-driver.js';
import { DAY, HOUR, manualClock } from '../../test/support/manual-clock.js';
import { createLogger } from '../adapters/log/index.js';
import {
  AppError,
  type AuditDraft,
  type EhrClient,
  type ReconcileStore,
  type ReferralChange,
} from '../domain/index.js';
import { createReconciler, type ReconcilerOptions } from './reconciler.js';

/** A Friday afternoon; a first pass looks one day back from it. */
const NOW = '2026-01-02T15:00:00.000Z';
const FIRST_SINCE = '2026-01-01T15:00:00.000Z';
/** The EHR's change stamps: `minute(n)` after NOW. */
const minute = (n: number) => new Date(Date.parse(NOW) + n * 60_000).toISOString();
const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };

async function harness() {
  const clock = manualClock(NOW);
  const h = await createGraphHarness({ clock });
  return Object.assign(h, { clock });
}
type Harness = Awaited<ReturnType<typeof harness>>;

/** A referral as the EHR's change feed lists it: created, nothing written back, not cancelled. */
function entry(referralId: string, over: Partial<ReferralChange> = {}): ReferralChange {
  return {
    referralId,
    practiceId: PRACTICE_ID,
    createdAt: minute(0),
    updatedAt: minute(1),
    status: 'created',
    lastWriteBack: null,
    cancelledAt: null,
    responses: [],
    ...over,
  };
}

/** The reconciler over the harness's store and fake EHR; every audit draft is kept for the test. */
function reconcilerFor(h: Harness, over: Partial<ReconcilerOptions> = {}) {
  const audited: AuditDraft[] = [];
  const reconciler = createReconciler({
    ehr: h.ehr.client,
    store: {
      inbox: h.store.inbox,
      reconcile: h.store.reconcile,
      audit: {
        append: (draft) => {
          audited.push(draft);
          return h.store.audit.append(draft);
        },
      },
    },
    clock: h.clock,
    logger: createLogger('silent'),
    practiceId: PRACTICE_ID,
    intervalMs: 0,
    lookbackMs: DAY,
    ...over,
  });
  return Object.assign(reconciler, { audited });
}

const status = async (h: Harness, id = 'ref-1') =>
  (await h.store.referrals.getReferral(PRACTICE_ID, id))?.status;
const pendingIds = async (h: Harness) => (await h.store.inbox.pending(100)).map((e) => e.webhookId);
const auditOf = (h: Harness, id = 'ref-1') => h.store.audit.list(PRACTICE_ID, id);

describe('reconciler', () => {
  it('starts a referral whose webhook never came, once, over two passes and a late webhook', async () => {
    await using h = await harness();
    const r = reconcilerFor(h);
    h.ehr.changeReferral(entry('ref-1'));
    expect(await r.reconcile()).toMatchObject({ ok: true, pages: 1, changes: 1, started: 1 });
    // Changed again before the inbox ran: the second pass finds its entry waiting there.
    h.ehr.changeReferral(entry('ref-1', { updatedAt: minute(2) }));
    expect(await r.reconcile()).toMatchObject({
      changes: 1,
      started: 0,
      duplicates: 0,
      skipped: { arriving: 1 },
    });
    expect(await pendingIds(h)).toEqual([`reconcile|${PRACTICE_ID}|ref-1|created`]);
    await drainInbox(h);
    expect(await status(h)).toBe('pending_review');

    // Our write-backs come back through the feed; then the real webhook turns up, late.
    h.ehr.changeReferral(
      entry('ref-1', {
        updatedAt: minute(3),
        status: 'pending_review',
        lastWriteBack: 'pending_review',
      }),
    );
    expect(await r.reconcile()).toMatchObject({ started: 0, applied: 0, skipped: { in_step: 1 } });
    await h.store.inbox.record({
      webhookId: 'evt-late',
      practiceId: PRACTICE_ID,
      event: {
        type: 'referral.created',
        timestamp: minute(0),
        data: { referral_id: 'ref-1', practice_id: PRACTICE_ID },
      },
    });
    await drainInbox(h);
    const audit = await auditOf(h);
    expect(
      audit.filter((e) => e.action === 'webhook.accepted').map((e) => e.data.webhookId),
    ).toEqual([`reconcile|${PRACTICE_ID}|ref-1|created`, 'evt-late']);
    expect(
      audit.filter((e) => e.action === 'referral.transition' && e.data.to === 'search_initiated'),
    ).toHaveLength(1);
    expect(await status(h)).toBe('pending_review');
  });

  it('loses nothing and records nothing twice when it dies between recording and moving the cursor', async () => {
    await using h = await harness();
    let diskFull = false;
    const reconcile: ReconcileStore = {
      ...h.store.reconcile,
      advance: async (practiceId, cursor) => {
        if (diskFull) throw new Error('disk full');
        return h.store.reconcile.advance(practiceId, cursor);
      },
    };
    const store = { inbox: h.store.inbox, reconcile, audit: h.store.audit };
    const r = reconcilerFor(h, { store });
    await r.reconcile();
    h.ehr.changeReferral(entry('ref-1'));
    diskFull = true;
    await expect(r.reconcile()).rejects.toThrow('disk full');
    expect(await h.store.reconcile.cursor(PRACTICE_ID)).toBe(FIRST_SINCE);
    diskFull = false;
    expect(await r.reconcile()).toMatchObject({ started: 0, skipped: { arriving: 1 } });
    expect(await h.store.reconcile.cursor(PRACTICE_ID)).toBe(minute(1));
    expect(await pendingIds(h)).toEqual([`reconcile|${PRACTICE_ID}|ref-1|created`]);
  });

  it('applies a cancellation whose webhook was lost, then ignores the echo of our write-back', async () => {
    await using h = await harness();
    const r = reconcilerFor(h);
    await h.runner.start(ref);
    expect(await status(h)).toBe('pending_review');
    h.ehr.changeReferral(
      entry('ref-1', {
        updatedAt: minute(5),
        status: 'cancelled',
        lastWriteBack: 'pending_review',
        cancelledAt: minute(5),
        cancellationNote: 'Patient moved away',
      }),
    );
    expect(await r.reconcile()).toMatchObject({ applied: 1, started: 0 });
    const [cancel] = await h.store.inbox.pending(10);
    expect(cancel?.event).toEqual({
      type: 'referral.cancelled',
      timestamp: minute(5),
      data: { referral_id: 'ref-1', practice_id: PRACTICE_ID, note: 'Patient moved away' },
    });
    await drainInbox(h);
    expect(await status(h)).toBe('cancelled');

    h.ehr.changeReferral(
      entry('ref-1', {
        updatedAt: minute(6),
        status: 'cancelled',
        lastWriteBack: 'cancelled',
        cancelledAt: minute(5),
      }),
    );
    expect(await r.reconcile()).toMatchObject({
      applied: 0,
      duplicates: 0,
      skipped: { in_step: 1 },
    });
    expect(await pendingIds(h)).toEqual([]);
  });

  it("ignores its own write-backs echoed, applies the office's lost answer, not a stale one", async () => {
    await using h = await harness();
    const r = reconcilerFor(h);
    await sentReferral(h);
    expect(await status(h)).toBe('sent');
    const writes = await auditOf(h);
    h.ehr.changeReferral(
      entry('ref-1', { updatedAt: minute(5), status: 'sent', lastWriteBack: 'sent' }),
    );
    expect(await r.reconcile()).toMatchObject({ changes: 1, applied: 0, skipped: { in_step: 1 } });
    expect(await pendingIds(h)).toEqual([]);
    expect(await auditOf(h)).toEqual(writes);

    const answered = minute(60);
    h.ehr.changeReferral(
      entry('ref-1', {
        updatedAt: answered,
        status: 'sent',
        lastWriteBack: 'sent',
        responses: [
          // Before our send: another specialist's answer, from before a re-match.
          { type: 'declined', at: new Date(Date.parse(NOW) - HOUR).toISOString() },
          { type: 'acknowledged', at: answered, note: 'Will call the patient' },
        ],
      }),
    );
    expect(await r.reconcile()).toMatchObject({ applied: 1 });
    expect(await pendingIds(h)).toEqual([
      `reconcile|${PRACTICE_ID}|ref-1|${answered}|acknowledged`,
    ]);
    await drainInbox(h);
    expect(await status(h)).toBe('acknowledged');
  });

  it('applies several lost answers of one referral in the order the office gave them', async () => {
    await using h = await harness();
    const r = reconcilerFor(h);
    await sentReferral(h);
    const [acked, booked] = [minute(30), minute(90)];
    h.ehr.changeReferral(
      entry('ref-1', {
        updatedAt: booked,
        status: 'sent',
        lastWriteBack: 'sent',
        responses: [
          { type: 'scheduled', at: booked, appointmentAt: '2026-01-09T14:00:00.000Z' },
          { type: 'acknowledged', at: acked },
        ],
      }),
    );
    expect(await r.reconcile()).toMatchObject({ applied: 2 });
    expect(await pendingIds(h)).toEqual([
      `reconcile|${PRACTICE_ID}|ref-1|${acked}|acknowledged`,
      `reconcile|${PRACTICE_ID}|ref-1|${booked}|scheduled`,
    ]);
    await drainInbox(h);
    expect(await status(h)).toBe('scheduled');
    const moves = (await auditOf(h))
      .filter((e) => e.action === 'referral.transition')
      .map((e) => e.data.to);
    expect(moves.slice(-2)).toEqual(['acknowledged', 'scheduled']);
  });

  it('survives an EHR outage: no cursor move, nothing recorded, an audited failure, then catches up', async () => {
    await using h = await harness();
    const r = reconcilerFor(h);
    h.ehr.changeReferral(entry('ref-1'));
    h.ehr.failNext(1);
    const failed = await r.reconcile();
    expect(failed).toMatchObject({ ok: false, code: 'UPSTREAM_UNAVAILABLE', pages: 0, started: 0 });
    expect(await h.store.reconcile.cursor(PRACTICE_ID)).toBe(FIRST_SINCE);
    expect(await pendingIds(h)).toEqual([]);
    expect(r.audited).toEqual([
      {
        practiceId: PRACTICE_ID,
        referralId: null,
        actor: 'reconciler',
        action: 'reconcile.pass',
        data: {
          ok: false,
          code: 'UPSTREAM_UNAVAILABLE',
          pages: 0,
          changes: 0,
          invalid: 0,
          started: 0,
          applied: 0,
          duplicates: 0,
          cursor: FIRST_SINCE,
          skipped: 0,
          skippedInStep: 0,
          skippedOtherPractice: 0,
          skippedArriving: 0,
          skippedCancelledUnseen: 0,
          skippedNotNew: 0,
        },
      },
    ]);
    expect(await r.reconcile()).toMatchObject({ ok: true, started: 1, cursor: minute(1) });
    expect(h.ehr.feedRequests).toEqual([FIRST_SINCE, FIRST_SINCE]);
    expect(r.audited.map((d) => d.data.ok)).toEqual([false, true]);
    expect(await r.reconcile()).toMatchObject({ ok: true, changes: 0 });
    expect(r.audited).toHaveLength(2);
  });

  it('keeps the pages recorded before the EHR failed and resumes after them', async () => {
    await using h = await harness();
    let calls = 0;
    const flaky: Pick<EhrClient, 'listChangedReferrals'> = {
      listChangedReferrals: async (query) => {
        calls += 1;
        if (calls === 2) throw new AppError('TIMEOUT', 'EHR timed out');
        return h.ehr.client.listChangedReferrals(query);
      },
    };
    const r = reconcilerFor(h, { ehr: flaky, pageSize: 2 });
    for (let n = 1; n <= 5; n++) h.ehr.changeReferral(entry(`ref-${n}`, { updatedAt: minute(n) }));
    expect(await r.reconcile()).toMatchObject({ ok: false, code: 'TIMEOUT', pages: 1, started: 2 });
    expect(await h.store.reconcile.cursor(PRACTICE_ID)).toBe(minute(2));
    expect(await r.reconcile()).toMatchObject({ ok: true, pages: 2, started: 3, duplicates: 0 });
    expect(h.ehr.feedRequests).toEqual([FIRST_SINCE, minute(2), minute(4)]);
    expect((await pendingIds(h)).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `reconcile|${PRACTICE_ID}|ref-${n}|created`).sort(),
    );
  });

  it('pages through the feed by its cursor, and a restart resumes where the last pass stopped', async () => {
    await using h = await harness();
    for (let n = 1; n <= 5; n++) h.ehr.changeReferral(entry(`ref-${n}`, { updatedAt: minute(n) }));
    const first = await reconcilerFor(h, { pageSize: 2 }).reconcile();
    expect(first).toMatchObject({ pages: 3, changes: 5, started: 5, cursor: minute(5) });
    expect(h.ehr.feedRequests).toEqual([FIRST_SINCE, minute(2), minute(4)]);

    h.ehr.changeReferral(entry('ref-6', { updatedAt: minute(6) }));
    h.clock.advance(DAY);
    const restarted = reconcilerFor(h, { pageSize: 2 });
    expect(await restarted.reconcile()).toMatchObject({ pages: 1, changes: 1, started: 1 });
    expect(h.ehr.feedRequests.at(-1)).toBe(minute(5));
  });

  it('stops a long backlog at maxPages and carries on in the next pass', async () => {
    await using h = await harness();
    for (let n = 1; n <= 5; n++) h.ehr.changeReferral(entry(`ref-${n}`, { updatedAt: minute(n) }));
    const r = reconcilerFor(h, { pageSize: 2, maxPages: 2 });
    expect(await r.reconcile()).toMatchObject({ pages: 2, started: 4, cursor: minute(4) });
    expect(await r.reconcile()).toMatchObject({ pages: 1, started: 1, cursor: minute(5) });
  });

  it('leaves other practices alone and starts nothing cancelled or written back before it saw it', async () => {
    await using h = await harness();
    const r = reconcilerFor(h);
    h.ehr.changeReferral(entry('ref-other', { practiceId: 'practice-other' }));
    h.ehr.changeReferral(entry('ref-gone', { status: 'cancelled', cancelledAt: minute(1) }));
    h.ehr.changeReferral(entry('ref-old', { status: 'sent', lastWriteBack: 'sent' }));
    expect(await r.reconcile()).toMatchObject({
      changes: 3,
      started: 0,
      applied: 0,
      skipped: { other_practice: 1, cancelled_unseen: 1, not_new: 1 },
    });
    expect(await pendingIds(h)).toEqual([]);
  });

  it('runs passes one at a time and stops cleanly', async () => {
    await using h = await harness();
    const r = reconcilerFor(h);
    h.ehr.changeReferral(entry('ref-1'));
    const [a, b] = await Promise.all([r.reconcile(), r.reconcile()]);
    expect([a.started, b.started]).toEqual([1, 0]);
    expect(b.skipped.arriving + b.changes).toBe(0);
    await r.stop();
  });
});
