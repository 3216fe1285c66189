import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../test/fakes/graph-harness.js';
import { PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { loopEvent, send } from '../test/support/loop-driver.js';
import { toHumanResponses } from './decisions.js';

const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };

async function toReview(h: Awaited<ReturnType<typeof createGraphHarness>>) {
  await h.runner.start(ref);
  const [gate] = await h.runner.pending(ref);
  const state = await h.runner.state(ref);
  if (!gate || !state) throw new Error('expected a pending review');
  return { gate, state };
}

describe('referral graph', () => {
  it('runs intake → enrich → match → review and stops at the review gate', async () => {
    await using h = await createGraphHarness();
    const { gate, state } = await toReview(h);
    expect(gate.kind).toBe('review');
    expect(state.referralType).toBe('retina');
    expect(state.candidates.length).toBeGreaterThan(0);
    expect(state.candidates[0]?.isValid).toBe(true);
    const record = await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1');
    expect(record).toMatchObject({
      status: 'pending_review',
      pendingInterruptId: gate.id,
      pendingInterruptKind: 'review',
    });
    const queued = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(
      queued.map((m) =>
        m.payload.kind === 'status_writeback' ? m.payload.status : m.payload.kind,
      ),
    ).toEqual(['search_initiated', 'candidates_identified', 'pending_review']);
  });

  it('approval dispatches once through the outbox and waits for the specialist', async () => {
    await using h = await createGraphHarness();
    const { gate, state } = await toReview(h);
    const value = toHumanResponses({ decision: 'approve' }, gate, state);
    const next = await h.runner.resume({
      ...ref,
      interruptId: gate.id,
      value,
      actor: 'coordinator:test',
    });
    // Queued, not yet sent: the referral is `sent` once the channel accepts the packet.
    expect(next?.kind).toBe('await-delivery');
    const after = await h.runner.state(ref);
    expect(after?.status).toBe('approved');
    const messages = (await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).filter(
      (m) => m.payload.kind === 'specialist_message',
    );
    expect(messages).toHaveLength(1);
    await expect(
      h.runner.resume({ ...ref, interruptId: gate.id, value, actor: 'coordinator:test' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(
      (await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).filter(
        (m) => m.payload.kind === 'specialist_message',
      ),
    ).toHaveLength(1);
  });

  it('sends what the coordinator edited: the letter, the patient message, the note', async () => {
    await using h = await createGraphHarness();
    const { gate, state } = await toReview(h);
    expect(state.agentRuns.map((r) => `${r.step}:${r.path}:${r.fallback}`).sort()).toEqual([
      'letter:deterministic:not_configured',
      'messages:deterministic:not_configured',
      'rerank:deterministic:not_configured',
      'summary:deterministic:not_needed',
    ]);
    expect(gate.value).toMatchObject({ description: expect.stringContaining('no LLM configured') });
    const value = toHumanResponses(
      { decision: 'edit', packetBody: 'Edited letter.', patientMessage: 'Edited for the patient.' },
      gate,
      state,
    );
    await h.runner.resume({ ...ref, interruptId: gate.id, value, actor: 'coordinator:test' });
    const sent = (await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).map((m) => m.payload);
    const letter = sent.find((p) => p.kind === 'specialist_message');
    const toPatient = sent.find((p) => p.kind === 'patient_message');
    expect(letter?.kind === 'specialist_message' && letter.body.endsWith('Edited letter.')).toBe(
      true,
    );
    expect(toPatient).toMatchObject({
      body: 'Edited for the patient.',
      patientId: 'pat-ada',
      channel: 'sms',
      language: 'en',
    });
  });

  it('a second start of the same referral changes nothing', async () => {
    await using h = await createGraphHarness();
    await toReview(h);
    const before = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(await h.runner.start(ref)).toBe('exists');
    expect(await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).toHaveLength(before.length);
  });

  it('shadow mode recommends without write-backs or a review', async () => {
    await using h = await createGraphHarness({ modes: { retina: 'shadow' } });
    await h.runner.start(ref);
    expect(await h.runner.pending(ref)).toEqual([]);
    expect((await h.runner.state(ref))?.candidates.length).toBeGreaterThan(0);
    expect(await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).toEqual([]);
  });

  it('autonomous mode skips the review when every check passed', async () => {
    await using h = await createGraphHarness({ modes: { retina: 'autonomous' } });
    await h.runner.start(ref);
    const [gate] = await h.runner.pending(ref);
    expect(gate?.kind).toBe('await-delivery');
    const audit = await h.store.audit.list(PRACTICE_ID, 'ref-1');
    expect(audit.some((e) => e.actor === 'system:autonomous' && e.data.to === 'approved')).toBe(
      true,
    );
  });

  it('an EHR outage becomes an exception with a coordinator task; retry resumes the flow', async () => {
    await using h = await createGraphHarness();
    h.ehr.failNext(1);
    await h.runner.start(ref);
    const [gate] = await h.runner.pending(ref);
    expect(gate?.kind).toBe('exception');
    expect((await h.runner.state(ref))?.exception).toMatchObject({
      reason: 'upstream_unavailable',
      stage: 'intake',
    });
    expect((await h.store.tasks.list(PRACTICE_ID, {})).map((t) => t.kind)).toEqual([
      'upstream_unavailable',
    ]);
    const state = await h.runner.state(ref);
    if (!gate || !state) throw new Error('expected an exception gate');
    await h.runner.resume({
      ...ref,
      interruptId: gate.id,
      value: toHumanResponses({ decision: 'retry' }, gate, state),
      actor: 'coordinator:test',
    });
    expect((await h.runner.pending(ref))[0]?.kind).toBe('review');
  });

  it('a declined referral is re-matched without the specialist who declined', async () => {
    await using h = await createGraphHarness();
    const { gate, state } = await toReview(h);
    await h.runner.resume({
      ...ref,
      interruptId: gate.id,
      value: toHumanResponses({ decision: 'approve' }, gate, state),
      actor: 'c',
    });
    await send(h, 'ref-1', loopEvent('delivered', { source: 'channel' }));
    expect((await h.runner.pending(ref))[0]?.kind).toBe('await-response');
    const declinedNpi = (await h.runner.state(ref))?.candidates.find(
      (c) => c.candidateId === state.recommendedId,
    )?.npi;
    await send(h, 'ref-1', loopEvent('declined', { source: 'ehr' }));
    const again = await h.runner.state(ref);
    expect((await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1'))?.status).toBe(
      'pending_review',
    );
    expect((await h.runner.pending(ref))[0]?.kind).toBe('review');
    expect(again?.excludedNpis).toEqual([declinedNpi]);
    expect(again?.candidates.some((c) => c.npi === declinedNpi)).toBe(false);
  });

  it('no valid candidate (inactive coverage) goes to a human, never to review', async () => {
    await using h = await createGraphHarness();
    h.ehr.addReferral(referralFor('ref-1', { diagnosisCodes: ['H35.3211'] }));
    await h.store.referrals.createReferral({
      id: 'ref-1',
      practiceId: PRACTICE_ID,
      threadId: h.runner.threadIdFor(ref),
    });
    h.payer.setDown(true);
    await h.runner.start(ref);
    expect((await h.runner.pending(ref))[0]?.kind).toBe('exception');
    expect((await h.runner.state(ref))?.exception?.stage).toBe('enrich');
  });

  it('recovery after a crash starts a recorded referral whose thread never ran, and leaves gated ones alone', async () => {
    await using h = await createGraphHarness();
    h.ehr.addReferral(referralFor('ref-2'));
    await toReview(h);
    const orphan = { practiceId: PRACTICE_ID, referralId: 'ref-2' };
    await h.store.referrals.createReferral({
      id: 'ref-2',
      practiceId: PRACTICE_ID,
      threadId: h.runner.threadIdFor(orphan),
    });
    expect(await h.runner.recover()).toBe(1);
    expect((await h.runner.pending(orphan))[0]?.kind).toBe('review');
    expect(await h.runner.recover()).toBe(0);
    expect((await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1'))?.pendingInterruptKind).toBe(
      'review',
    );
  });

  it("honours the referral's preferred radius over the configured one", async () => {
    await using h = await createGraphHarness();
    h.ehr.addReferral(referralFor('ref-1', { preferredRadiusKm: 5 }));
    await h.runner.start(ref);
    const state = await h.runner.state(ref);
    expect(state?.candidates.length).toBeGreaterThan(0);
    expect(state?.candidates.every((c) => c.distanceKm <= 5)).toBe(true);
  });

  it('an unmapped reason goes to a coordinator instead of a guessed specialty', async () => {
    await using h = await createGraphHarness();
    h.ehr.addReferral(
      referralFor('ref-1', { diagnosisCodes: ['Z01.00'], reason: 'Follow-up as discussed' }),
    );
    await h.runner.start(ref);
    const state = await h.runner.state(ref);
    expect(state?.specialty).toMatchObject({ confidence: 'none', specialties: [] });
    expect(state?.exception).toMatchObject({ reason: 'specialty_unmapped', stage: 'match' });
    expect((await h.runner.pending(ref))[0]?.kind).toBe('exception');
  });

  it('explains a no-match and offers the nearest ways out to the coordinator', async () => {
    await using h = await createGraphHarness();
    h.ehr.addReferral(referralFor('ref-1', { preferredRadiusKm: 0.5 }));
    await h.runner.start(ref);
    const state = await h.runner.state(ref);
    expect(state?.exception).toMatchObject({
      reason: 'no_valid_candidate',
      detail:
        'Preferred tier: no retina specialist within 0.5 km; fallback tier: no ophthalmologist within 0.5 km',
    });
    expect(state?.alternatives.length).toBeGreaterThan(0);
    expect(state?.alternatives[0]?.checks).toMatchObject({
      inNetwork: true,
      withinDistance: false,
    });
    const [gate] = await h.runner.pending(ref);
    expect(gate?.kind).toBe('exception');
    expect(JSON.stringify(gate?.value)).toContain('Nearest ways out');
  });
});
