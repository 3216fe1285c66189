import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../test/fakes/graph-harness.js';
import { PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import {
  decide,
  drainInbox,
  fireTimers,
  loopEvent,
  relay,
  send,
  sentReferral,
} from '../test/support/loop-driver.js';
import { DAY, HOUR, manualClock } from '../test/support/manual-clock.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;

const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };
/** A Friday afternoon: two business days later is the Tuesday. */
const FRIDAY = '2026-01-02T15:00:00.000Z';

async function harness(options: Parameters<typeof createGraphHarness>[0] = {}) {
  const clock = manualClock(FRIDAY);
  const h = await createGraphHarness({ clock, ...options });
  return Object.assign(h, { clock });
}

const status = async (h: Harness) =>
  (await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1'))?.status;
const gateKind = async (h: Harness) => (await h.runner.pending(ref))[0]?.kind ?? null;
const timer = (h: Harness) => h.store.timers.get(PRACTICE_ID, 'ref-1');
const outboxOf = async (h: Harness) =>
  (await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).map((m) => m.payload);
const taskKinds = async (h: Harness) =>
  (await h.store.tasks.list(PRACTICE_ID, {})).map((t) => t.kind).sort();

async function storeConsult(h: Harness) {
  return h.store.documents.add({
    id: 'doc-1',
    key: 'doc-1',
    practiceId: PRACTICE_ID,
    referralId: 'ref-1',
    source: 'hl7',
    format: 'text',
    title: 'Consult note',
    content: 'Assessment: wet AMD OS. Plan: anti-VEGF.',
    summary: 'Seen; anti-VEGF started.',
    authorNpi: null,
    encounterDate: '2026-01-12',
  });
}

describe('the loop after approval', () => {
  it('is `sent` only once the channel accepted the packet, then closes on the consult note', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    await decide(h, { decision: 'approve' });
    expect(await status(h)).toBe('approved');
    expect(await gateKind(h)).toBe('await-delivery');
    expect(
      (await outboxOf(h)).some((p) => p.kind === 'status_writeback' && p.status === 'sent'),
    ).toBe(false);

    await relay(h);
    expect(await status(h)).toBe('sent');
    expect(await gateKind(h)).toBe('await-response');
    expect(await timer(h)).toMatchObject({
      kind: 'acknowledgement',
      dueAt: '2026-01-06T15:00:00.000Z',
    });

    await send(h, 'ref-1', loopEvent('acknowledged', { at: '2026-01-05T09:00:00.000Z' }));
    expect(await status(h)).toBe('acknowledged');
    expect(await timer(h)).toMatchObject({ kind: 'scheduling', dueAt: '2026-01-12T09:00:00.000Z' });

    const appointmentAt = '2026-01-12T14:00:00.000Z';
    await send(h, 'ref-1', loopEvent('scheduled', { appointmentAt }));
    expect(await gateKind(h)).toBe('await-visit');
    expect(await timer(h)).toMatchObject({ kind: 'visit', dueAt: '2026-01-13T14:00:00.000Z' });

    await send(h, 'ref-1', loopEvent('seen', { at: appointmentAt }));
    expect(await status(h)).toBe('seen');
    expect(await timer(h)).toMatchObject({ kind: 'consult', dueAt: '2026-01-26T14:00:00.000Z' });

    const doc = await storeConsult(h);
    await send(h, 'ref-1', loopEvent('consult_received', { documentId: doc.id }));
    expect(await status(h)).toBe('closed');
    expect(await gateKind(h)).toBeNull();
    expect(await timer(h)).toBeUndefined();
    const filed = (await outboxOf(h)).find((p) => p.kind === 'ehr_document');
    expect(filed).toMatchObject({ documentId: doc.id, contentType: 'text/plain' });
    expect((await h.runner.state(ref))?.outcome).toBe('closed');
    const writebacks = (await outboxOf(h)).flatMap((p) =>
      p.kind === 'status_writeback' ? [p.status] : [],
    );
    expect(writebacks.slice(-6)).toEqual([
      'sent',
      'acknowledged',
      'scheduled',
      'seen',
      'consult_received',
      'closed',
    ]);
  });

  it('a packet no channel accepts becomes a send_failed exception for a coordinator', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    await decide(h, { decision: 'approve' });
    await relay(h, false);
    expect(await status(h)).toBe('exception');
    expect(await gateKind(h)).toBe('exception');
    expect((await h.runner.state(ref))?.exception).toMatchObject({
      reason: 'send_failed',
      code: 'REFUSED',
    });
    expect(await taskKinds(h)).toEqual(['delivery_failed', 'exception']);
  });

  it('an office that skips steps still closes the loop: a consult note straight after sending', async () => {
    await using h = await harness();
    await sentReferral(h);
    const doc = await storeConsult(h);
    await send(h, 'ref-1', loopEvent('consult_received', { documentId: doc.id }));
    expect(await status(h)).toBe('closed');
  });

  it('an office that answers before its delivery is recorded has the packet: sent, then its answer applied', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    await decide(h, { decision: 'approve' });
    expect(await gateKind(h)).toBe('await-delivery');
    await send(h, 'ref-1', loopEvent('acknowledged', { at: '2026-01-02T16:00:00.000Z' }));
    expect(await status(h)).toBe('sent');
    await drainInbox(h);
    expect(await status(h)).toBe('acknowledged');
    expect(await timer(h)).toMatchObject({ kind: 'scheduling' });
    await relay(h);
    expect(await status(h)).toBe('acknowledged');
    const ignored = (await h.store.audit.list(PRACTICE_ID, 'ref-1')).filter(
      (e) => e.action === 'event.ignored',
    );
    expect(ignored.map((e) => e.data.type)).toEqual(['delivered']);
  });

  it('an event a wait does not take is recorded and changes nothing', async () => {
    await using h = await harness();
    await sentReferral(h);
    await send(h, 'ref-1', loopEvent('no_show'));
    expect(await status(h)).toBe('sent');
    expect(await gateKind(h)).toBe('await-response');
    const ignored = (await h.store.audit.list(PRACTICE_ID, 'ref-1')).filter(
      (e) => e.action === 'event.ignored',
    );
    expect(ignored.map((e) => e.data.reason)).toEqual(['no_appointment']);
  });
});

describe('timers', () => {
  it('no acknowledgement: a follow-up to the office per deadline, a coordinator task with the second, then only expiry', async () => {
    await using h = await harness();
    await sentReferral(h);
    h.clock.set('2026-01-06T14:59:00.000Z');
    expect(await fireTimers(h)).toBe(0);
    h.clock.set('2026-01-06T15:00:00.000Z');
    expect(await fireTimers(h)).toBe(1);
    const followUps = async () =>
      (await outboxOf(h)).filter(
        (p) => p.kind === 'specialist_message' && p.purpose === 'follow_up',
      );
    expect(await followUps()).toHaveLength(1);
    expect(await taskKinds(h)).toEqual([]);
    const next = await timer(h);
    expect(next).toMatchObject({ kind: 'acknowledgement', dueAt: '2026-01-08T15:00:00.000Z' });

    h.clock.set(next?.dueAt ?? '');
    expect(await fireTimers(h)).toBe(1);
    expect(await followUps()).toHaveLength(2);
    expect(await taskKinds(h)).toEqual(['follow_up']);
    h.clock.advance(10 * DAY);
    await fireTimers(h);
    expect(await followUps()).toHaveLength(2);
    expect(await timer(h)).toMatchObject({ kind: 'expiry', dueAt: '2026-04-02T15:00:00.000Z' });

    h.clock.set('2026-04-02T15:00:00.000Z');
    await fireTimers(h);
    expect(await status(h)).toBe('expired');
    expect(await taskKinds(h)).toEqual(['expired', 'follow_up']);
    expect(await timer(h)).toBeUndefined();
  });

  it("the consult note completes the follow-up task the office's silence opened", async () => {
    await using h = await harness();
    await sentReferral(h);
    for (const at of ['2026-01-06T15:00:00.000Z', '2026-01-08T15:00:00.000Z']) {
      h.clock.set(at);
      await fireTimers(h);
    }
    const open = async () =>
      (await h.store.tasks.list(PRACTICE_ID, { status: 'open' })).map((t) => t.kind);
    expect(await open()).toEqual(['follow_up']);
    const doc = await storeConsult(h);
    await send(h, 'ref-1', loopEvent('consult_received', { documentId: doc.id }));
    expect(await status(h)).toBe('closed');
    expect(await open()).toEqual([]);
  });

  it('a timer fires once, and a timeout for a wait that has passed is ignored', async () => {
    await using h = await harness();
    await sentReferral(h);
    const stale = await timer(h);
    await send(h, 'ref-1', loopEvent('acknowledged'));
    await send(
      h,
      'ref-1',
      loopEvent('timeout', {
        source: 'timer',
        timer: 'acknowledgement',
        waitKey: stale?.waitKey ?? '',
      }),
    );
    expect(await status(h)).toBe('acknowledged');
    expect((await outboxOf(h)).filter((p) => p.kind === 'specialist_message')).toHaveLength(1);
    h.clock.advance(30 * DAY);
    expect(await h.store.timers.fireDue(h.clock.now(), 10)).toHaveLength(1);
    expect(await h.store.timers.fireDue(h.clock.now(), 10)).toHaveLength(0);
  });

  it('a missed appointment (no visit by the day after): the patient is asked to rebook, a coordinator told', async () => {
    await using h = await harness();
    await sentReferral(h);
    await send(h, 'ref-1', loopEvent('scheduled', { appointmentAt: '2026-01-09T14:00:00.000Z' }));
    h.clock.set('2026-01-10T14:00:00.000Z');
    await fireTimers(h);
    expect(await status(h)).toBe('acknowledged');
    expect(await gateKind(h)).toBe('await-response');
    expect(await taskKinds(h)).toEqual(['no_show']);
    const rebook = (await outboxOf(h)).filter((p) => p.kind === 'patient_message');
    expect(rebook.at(-1)).toMatchObject({ body: expect.stringContaining('book a new time') });
    expect(await timer(h)).toMatchObject({ kind: 'scheduling', dueAt: '2026-01-17T14:00:00.000Z' });
  });

  it('a no-show message (SIU^S26) does the same at once', async () => {
    await using h = await harness();
    await sentReferral(h);
    await send(h, 'ref-1', loopEvent('scheduled', { appointmentAt: '2026-01-09T14:00:00.000Z' }));
    await send(h, 'ref-1', loopEvent('no_show'));
    expect(await status(h)).toBe('acknowledged');
    expect(await taskKinds(h)).toEqual(['no_show']);
  });

  it('no consult note 14 days after the visit: a gap-in-care task and an EHR task, once', async () => {
    await using h = await harness();
    await sentReferral(h);
    await send(h, 'ref-1', loopEvent('seen', { at: '2026-01-09T14:00:00.000Z' }));
    h.clock.set('2026-01-23T14:00:00.000Z');
    expect(await fireTimers(h)).toBe(1);
    expect(await taskKinds(h)).toEqual(['gap_in_care']);
    expect((await outboxOf(h)).filter((p) => p.kind === 'ehr_task')).toHaveLength(1);
    expect(await timer(h)).toMatchObject({ kind: 'expiry' });
    const doc = await storeConsult(h);
    await send(h, 'ref-1', loopEvent('consult_received', { documentId: doc.id }));
    expect(await status(h)).toBe('closed');
  });

  it('a same-day condition of the rule table gets the emergent deadlines', async () => {
    await using h = await harness({
      referrals: [
        referralFor('ref-1', {
          reason: 'Retinal detachment OD, curtain over vision since this morning',
          diagnosisCodes: ['H33.0'],
        }),
      ],
    });
    await sentReferral(h);
    expect(await timer(h)).toMatchObject({
      kind: 'acknowledgement',
      dueAt: new Date(Date.parse(FRIDAY) + HOUR).toISOString(),
    });
  });
});

describe('cancelling and re-matching', () => {
  it.each([
    ['await-response', async (_: Harness) => {}],
    [
      'await-visit',
      (h: Harness) =>
        send(h, 'ref-1', loopEvent('scheduled', { appointmentAt: '2026-01-12T14:00:00.000Z' })),
    ],
    ['await-consult', (h: Harness) => send(h, 'ref-1', loopEvent('seen'))],
  ] as const)(
    'cancelled from the EHR at %s: timers stopped, the office told',
    async (wait, reach) => {
      await using h = await harness();
      await sentReferral(h);
      await reach(h);
      expect(await gateKind(h)).toBe(wait);
      await send(h, 'ref-1', loopEvent('cancelled', { source: 'ehr', note: 'patient moved' }));
      expect(await status(h)).toBe('cancelled');
      expect(await timer(h)).toBeUndefined();
      const notice = (await outboxOf(h)).filter(
        (p) => p.kind === 'specialist_message' && p.purpose === 'cancellation',
      );
      expect(notice).toHaveLength(1);
      expect(notice[0]).toMatchObject({ subject: 'Cancelled: referral ref-1' });
    },
  );

  it('cancelled while the packet is queued: it is withdrawn with the patient message, the office never hears', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    await decide(h, { decision: 'approve' });
    await send(h, 'ref-1', loopEvent('cancelled', { source: 'ehr' }));
    expect(await status(h)).toBe('cancelled');
    const rows = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    const messages = rows.filter((m) => m.payload.kind !== 'status_writeback');
    expect(messages.map((m) => [m.payload.kind, m.state])).toEqual([
      ['specialist_message', 'withdrawn'],
      ['patient_message', 'withdrawn'],
    ]);
    await relay(h);
    const after = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(after.filter((m) => m.state === 'sent').map((m) => m.payload.kind)).toEqual(
      after.filter((m) => m.payload.kind === 'status_writeback').map(() => 'status_writeback'),
    );
    const actions = (await h.store.audit.list(PRACTICE_ID, 'ref-1')).map((e) => e.action);
    expect(actions.filter((a) => a === 'message.withdrawn')).toHaveLength(2);
  });

  it('cancelled while the packet is on its way: the office is told once it has it', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    await decide(h, { decision: 'approve' });
    // The relay delivers in order: the write-backs first, then it takes the packet.
    let packet: Awaited<ReturnType<typeof h.store.outbox.claim>>[number] | undefined;
    while (!packet) {
      const leased = await h.store.outbox.claim({ now: h.clock.now(), limit: 1, leaseMs: 60_000 });
      const [row] = leased;
      if (!row) throw new Error('the packet was never claimed');
      if (row.payload.kind === 'specialist_message') packet = row;
      else await h.store.outbox.complete(row.id, { ok: true, externalId: `x-${row.id}` });
    }
    await send(h, 'ref-1', loopEvent('cancelled', { source: 'ehr' }));
    expect(await status(h)).toBe('cancelled');
    const notices = (await outboxOf(h)).filter(
      (p) => p.kind === 'specialist_message' && p.purpose === 'cancellation',
    );
    expect(notices).toHaveLength(1);
    await h.store.outbox.complete(packet.id, { ok: true, externalId: `x-${packet.id}` });
    await relay(h);
    const delivered = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(
      delivered.filter((m) => m.payload.kind === 'specialist_message').map((m) => m.state),
    ).toEqual(['sent', 'sent']);
    expect(await status(h)).toBe('cancelled');
  });

  it('cancelled from the EHR at the review gate, and by a coordinator there', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    await send(h, 'ref-1', loopEvent('cancelled', { source: 'ehr' }));
    expect(await status(h)).toBe('cancelled');
    expect(await gateKind(h)).toBeNull();

    await using other = await harness();
    await other.runner.start(ref);
    await decide(other, { decision: 'cancel' });
    expect(await status(other)).toBe('cancelled');
  });

  it('a rejected recommendation offers the next candidates without it', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    const before = await h.runner.state(ref);
    const rejected = before?.candidates.find((c) => c.candidateId === before.recommendedId)?.npi;
    await decide(h, { decision: 'reject', note: 'the patient saw this doctor before' });
    expect(await status(h)).toBe('pending_review');
    expect(await gateKind(h)).toBe('review');
    const after = await h.runner.state(ref);
    expect(after?.excludedNpis).toEqual([rejected]);
    expect(after?.candidates.some((c) => c.npi === rejected)).toBe(false);
  });
});
