import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../test/fakes/graph-harness.js';
import { PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { decide, loopEvent, relay, send, sentReferral } from '../test/support/loop-driver.js';
import { manualClock } from '../test/support/manual-clock.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;

const SENT_AT = '2026-01-05T09:00:00.000Z';

async function harness() {
  const clock = manualClock(SENT_AT);
  const h = await createGraphHarness({
    clock,
    referrals: [referralFor('ref-1'), referralFor('ref-2'), referralFor('ref-3')],
  });
  return Object.assign(h, { clock });
}

const stateOf = (h: Harness, referralId: string) =>
  h.runner.state({ practiceId: PRACTICE_ID, referralId });

async function chosenNpi(h: Harness, referralId: string) {
  const state = await stateOf(h, referralId);
  const npi = state?.candidates.find((c) => c.candidateId === state.selectedId)?.npi;
  if (!npi) throw new Error('no specialist chosen');
  return npi;
}

const outcomesOf = async (h: Harness, npi: string) =>
  (await h.store.outcomes.forSpecialists(PRACTICE_ID, [npi]))[0];

/** Sent, booked, seen and closed with a consult note. */
async function closeLoop(h: Harness, referralId: string) {
  await sentReferral(h, referralId);
  await send(h, referralId, loopEvent('acknowledged', { at: '2026-01-05T15:00:00.000Z' }));
  const appointmentAt = '2026-01-15T09:00:00.000Z';
  await send(h, referralId, loopEvent('scheduled', { appointmentAt }));
  await send(h, referralId, loopEvent('seen', { at: appointmentAt }));
  const doc = await h.store.documents.add({
    id: `doc-${referralId}`,
    key: `doc-${referralId}`,
    practiceId: PRACTICE_ID,
    referralId,
    source: 'hl7',
    format: 'text',
    title: 'Consult note',
    content: 'Assessment: stable. Plan: follow up in a year.',
    summary: 'Seen; stable.',
    authorNpi: null,
    encounterDate: '2026-01-15',
  });
  await send(
    h,
    referralId,
    loopEvent('consult_received', { documentId: doc.id, at: '2026-01-20T09:00:00.000Z' }),
  );
}

describe("the practice's own outcomes per specialist", () => {
  it('are recorded with each move of the loop, at the times the office reported', async () => {
    await using h = await harness();
    await closeLoop(h, 'ref-1');
    const npi = await chosenNpi(h, 'ref-1');
    expect(await outcomesOf(h, npi)).toEqual({
      npi,
      sent: 1,
      timeToAcknowledge: { count: 1, medianHours: 6 },
      timeToAppointment: { count: 1, medianDays: 10 },
      noShows: { count: 0, of: 1 },
      declines: { count: 0, of: 1 },
      loopClosure: { count: 1, of: 1 },
    });
  });

  it('count a decline and a no-show against the specialist', async () => {
    await using h = await harness();
    await sentReferral(h, 'ref-1');
    const npi = await chosenNpi(h, 'ref-1');
    await send(h, 'ref-1', loopEvent('scheduled', { appointmentAt: '2026-01-12T09:00:00.000Z' }));
    await send(h, 'ref-1', loopEvent('no_show'));
    await send(h, 'ref-1', loopEvent('declined'));
    expect(await outcomesOf(h, npi)).toMatchObject({
      sent: 1,
      noShows: { count: 1, of: 1 },
      declines: { count: 1, of: 1 },
      loopClosure: { count: 0, of: 1 },
    });
  });

  it('leave out cancelled referrals: one cancelled before sending leaves no record, one after stops counting', async () => {
    await using h = await harness();
    await h.runner.start({ practiceId: PRACTICE_ID, referralId: 'ref-1' });
    const proposed = (await stateOf(h, 'ref-1'))?.candidates.map((c) => c.npi) ?? [];
    expect(proposed.length).toBeGreaterThan(0);
    await send(h, 'ref-1', loopEvent('cancelled', { source: 'ehr' }));
    expect((await stateOf(h, 'ref-1'))?.status).toBe('cancelled');
    const untouched = await h.store.outcomes.forSpecialists(PRACTICE_ID, proposed);
    expect(untouched.map((o) => o.sent)).toEqual(proposed.map(() => 0));

    await sentReferral(h, 'ref-2');
    const npi = await chosenNpi(h, 'ref-2');
    await send(h, 'ref-2', loopEvent('acknowledged'));
    expect(await outcomesOf(h, npi)).toMatchObject({ sent: 1, timeToAcknowledge: { count: 1 } });
    await send(h, 'ref-2', loopEvent('cancelled', { source: 'ehr' }));
    expect((await stateOf(h, 'ref-2'))?.status).toBe('cancelled');
    expect(await outcomesOf(h, npi)).toMatchObject({ sent: 0, timeToAcknowledge: { count: 0 } });
  });

  it("feed the next referral's ranking, and its explanation says so", async () => {
    await using h = await harness();
    await closeLoop(h, 'ref-1');
    const npi = await chosenNpi(h, 'ref-1');
    await h.runner.start({ practiceId: PRACTICE_ID, referralId: 'ref-2' });
    const next = await stateOf(h, 'ref-2');
    const same = next?.candidates.find((c) => c.npi === npi);
    expect(same?.explanation).toContain('Closes the loop on 1 of 1 referrals from this practice.');
    expect(same?.factors.find((f) => f.name === 'loop_closure')?.source).toBe(
      'our referrals: 1 of 1 closed, smoothed',
    );
    const others = next?.candidates.filter((c) => c.npi !== npi) ?? [];
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((c) => !c.explanation.includes('from this practice'))).toBe(true);
    await decide(h, { decision: 'approve' }, 'ref-2');
    await relay(h);
    expect((await outcomesOf(h, await chosenNpi(h, 'ref-2')))?.sent).toBeGreaterThan(0);
  });
});
