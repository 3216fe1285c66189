import { describe, expect, it } from 'vitest';
import type { ReviewDecision } from '../src/domain/index.js';
import { createGraphHarness } from '../test/fakes/graph-harness.js';
import { eyeSpecialists } from '../test/fixtures/eye-specialists.js';
import { PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { loopEvent, relay, send } from '../test/support/loop-driver.js';
import { applyDecision } from './decide.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;

const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };
/** From the fixture directory, as seen from the patient (Ada, BlueWave broad network). */
const RETINA_NEAR = '1000000137'; // Providence, 2.5 km, in network, accepting
const RETINA_FAR = '1158381677'; // Fall River, 24.8 km, in network, accepting
const RETINA_OUT_OF_NETWORK = '1079190900'; // Pawtucket, 4.6 km, not in BlueWave broad
const NEURO_NEAR = '1504624762'; // neuro-ophthalmologist, Providence, in network
const UNMAPPED = { diagnosisCodes: ['Z01.00'], reason: 'Follow-up as discussed' };

/** The fixture specialists as the directory repo takes them (from a known source). */
const listed = () => eyeSpecialists().map((p) => ({ ...p, source: 'generated' }));

function profileOf(npi: string) {
  const profile = listed().find((p) => p.npi === npi);
  if (!profile) throw new Error(`the fixture directory has no ${npi}`);
  return profile;
}

/** A harness whose directory repo holds the fixture specialists (the index already does). */
async function harness(options: Parameters<typeof createGraphHarness>[0] = {}) {
  const h = await createGraphHarness(options);
  await h.store.directory.upsertProfiles('fixture', listed());
  return h;
}

/** Starts ref-1 (with `over`) and expects it parked at the exception gate. */
async function toException(h: Harness, over: Parameters<typeof referralFor>[1]) {
  h.ehr.addReferral(referralFor('ref-1', over));
  await h.runner.start(ref);
  expect((await h.runner.pending(ref))[0]?.kind).toBe('exception');
  const state = await h.runner.state(ref);
  if (!state?.exception) throw new Error('expected an exception');
  return state;
}

const decide = (h: Harness, decision: ReviewDecision) =>
  applyDecision({ ...ref, decision, actor: 'coordinator:cora' }, h);

async function pendingKind(h: Harness) {
  return (await h.runner.pending(ref))[0]?.kind;
}

const audited = async (h: Harness, action: string) =>
  (await h.store.audit.list(PRACTICE_ID, 'ref-1')).filter((e) => e.action === action);

describe('resolving an exception with a specialty', () => {
  it('matches for the chosen specialty, and keeps it when the office declines', async () => {
    await using h = await harness();
    await toException(h, UNMAPPED);
    expect((await decide(h, { decision: 'retry', specialty: 'retina' }))?.kind).toBe('review');

    const state = await h.runner.state(ref);
    expect(state?.specialty).toMatchObject({
      source: 'coordinator',
      confidence: 'high',
      specialties: [
        expect.objectContaining({ key: 'retina', tier: 'preferred' }),
        expect.objectContaining({ key: 'ophthalmology', tier: 'fallback' }),
      ],
    });
    expect(state?.referralType).toBe('retina');
    expect(state?.exception).toBeNull();
    expect(state?.candidates[0]).toMatchObject({ specialty: 'Retina specialist', isValid: true });
    const recommended = state?.candidates.find((c) => c.candidateId === state.recommendedId);
    const retried = (await audited(h, 'referral.transition')).find(
      (e) => e.data.decision === 'retry',
    );
    expect(retried).toMatchObject({
      actor: 'coordinator:cora',
      data: { decision: 'retry', specialty: 'retina' },
    });
    expect((await audited(h, 'review.decided'))[0]?.data).toMatchObject({
      decision: 'retry',
      gate: 'exception',
      specialty: 'retina',
      npi: null,
    });

    await decide(h, { decision: 'approve' });
    await relay(h);
    await send(h, 'ref-1', loopEvent('declined', { source: 'ehr' }));
    expect(await pendingKind(h)).toBe('review');
    const again = await h.runner.state(ref);
    expect(again?.excludedNpis).toEqual([recommended?.npi]);
    expect(again?.specialty?.source).toBe('coordinator');
    expect(again?.specialty?.specialties[0]?.key).toBe('retina');
    expect(again?.candidates.length).toBeGreaterThan(0);
    expect(again?.candidates.every((c) => c.specialty === 'Retina specialist')).toBe(true);
  });

  it('refuses a specialty off the catalog (422 on specialty), and the gate stays', async () => {
    await using h = await harness();
    await toException(h, UNMAPPED);
    for (const specialty of ['retinaa', 'Retina', '207WX0107X']) {
      await expect(decide(h, { decision: 'retry', specialty })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ path: 'specialty' }],
      });
    }
    expect(await pendingKind(h)).toBe('exception');
    expect(await audited(h, 'review.decided')).toEqual([]);
    expect((await h.runner.state(ref))?.chosenSpecialty).toBeNull();
  });
});

describe('resolving an exception with a specialist from the directory', () => {
  it('proposes only the chosen specialist at review, checked like any candidate, then sends to them', async () => {
    await using h = await harness();
    await toException(h, UNMAPPED);
    expect((await decide(h, { decision: 'retry', npi: NEURO_NEAR }))?.kind).toBe('review');
    const state = await h.runner.state(ref);
    expect(state?.candidates).toEqual([
      expect.objectContaining({ npi: NEURO_NEAR, isValid: true, locationId: 'loc-20' }),
    ]);
    expect(state?.recommendedId).toBe(`${NEURO_NEAR}@loc-20`);
    // The specialist's own specialty becomes the plan of an unmapped referral.
    expect(state?.specialty?.source).toBe('coordinator');
    expect(state?.specialty?.specialties[0]).toMatchObject({
      key: 'neuro-ophthalmology',
      tier: 'preferred',
    });
    expect(state?.flags).toContain('specialist_chosen_by_coordinator');
    expect(state?.chosenSpecialist).toBeNull();
    const searched = (await audited(h, 'tool.called')).map((e) => e.data.tool);
    expect(searched).toContain('get_specialist');
    const transitions = await audited(h, 'referral.transition');
    expect(transitions.find((e) => e.data.decision === 'retry')?.data).toMatchObject({
      decision: 'retry',
      npi: NEURO_NEAR,
      locationId: null,
    });

    await decide(h, { decision: 'approve' });
    const letters = (await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1')).filter(
      (m) => m.payload.kind === 'specialist_message',
    );
    expect(
      letters.map((m) => m.payload.kind === 'specialist_message' && m.payload.recipient.npi),
    ).toEqual([NEURO_NEAR]);
  });

  it('checks the specialist against the plan of a referral that has one', async () => {
    await using h = await harness();
    await toException(h, { preferredRadiusKm: 0.5 });
    await decide(h, { decision: 'retry', npi: NEURO_NEAR, locationId: 'loc-20' });
    const state = await h.runner.state(ref);
    expect(state?.exception).toMatchObject({
      reason: 'chosen_specialist_ineligible',
      stage: 'match',
      code: 'CHOSEN_SPECIALIST_INELIGIBLE',
    });
    expect(state?.exception?.detail).toContain('specialty');
    expect(state?.exception?.detail).toContain('within the distance');
    expect(state?.candidates[0]?.checks).toMatchObject({
      specialtyMatches: false,
      withinDistance: false,
    });
  });

  it('sends the referral back to the exception gate, naming the failed checks, and sends nothing', async () => {
    await using h = await harness();
    await toException(h, { preferredRadiusKm: 1 });
    expect((await h.runner.state(ref))?.exception?.reason).toBe('no_valid_candidate');
    const reached = await decide(h, { decision: 'retry', npi: RETINA_FAR });
    expect(reached?.kind).toBe('exception');

    const state = await h.runner.state(ref);
    expect(state?.exception).toEqual({
      reason: 'chosen_specialist_ineligible',
      stage: 'match',
      code: 'CHOSEN_SPECIALIST_INELIGIBLE',
      detail: `The chosen specialist (NPI ${RETINA_FAR}) at loc-3 failed: within the distance`,
    });
    // Shown with its checks, never recommended, never sent to.
    expect(state?.candidates).toEqual([
      expect.objectContaining({
        npi: RETINA_FAR,
        isValid: false,
        checks: expect.objectContaining({ inNetwork: true, withinDistance: false }),
      }),
    ]);
    expect(state?.recommendedId).toBeNull();
    const [gate] = await h.runner.pending(ref);
    expect(JSON.stringify(gate?.value)).toContain('The specialist you chose');
    const queued = await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1');
    expect(queued.some((m) => m.payload.kind === 'specialist_message')).toBe(false);
    expect((await h.store.tasks.list(PRACTICE_ID, { kind: 'exception' })).length).toBe(2);

    // The choice is spent: a plain retry searches again (and finds nothing within 1 km).
    await decide(h, { decision: 'retry' });
    expect((await h.runner.state(ref))?.exception?.reason).toBe('no_valid_candidate');
  });

  it('an out-of-network specialist fails the network check', async () => {
    await using h = await harness();
    await toException(h, UNMAPPED);
    await decide(h, { decision: 'retry', npi: RETINA_OUT_OF_NETWORK });
    expect((await h.runner.state(ref))?.exception?.detail).toBe(
      `The chosen specialist (NPI ${RETINA_OUT_OF_NETWORK}) at loc-2 failed: in network for the patient's plan`,
    );
  });

  it('still asks a coordinator to approve in autonomous mode', async () => {
    await using h = await harness({ modes: { retina: 'autonomous', unmapped: 'autonomous' } });
    await toException(h, UNMAPPED);
    expect((await decide(h, { decision: 'retry', npi: RETINA_NEAR }))?.kind).toBe('review');
    expect((await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1'))?.status).toBe(
      'pending_review',
    );
  });

  it('a specialist who left the directory since the decision is refused at matching', async () => {
    await using h = await harness();
    await toException(h, UNMAPPED);
    const gone = profileOf(RETINA_NEAR);
    // The decision saw the specialist active; the match step reads the directory again.
    const directory = h.store.directory;
    const lookups: string[] = [];
    h.graphDeps.tools.profiles = {
      getProfile: async (npi) => {
        lookups.push(npi);
        return { ...gone, active: false };
      },
    };
    await decide(h, { decision: 'retry', npi: RETINA_NEAR });
    expect(lookups).toEqual([RETINA_NEAR]);
    expect((await h.runner.state(ref))?.exception?.detail).toBe(
      `The chosen specialist (NPI ${RETINA_NEAR}) is not an active practitioner of the directory`,
    );
    expect(await directory.getProfile(RETINA_NEAR)).toMatchObject({ active: true });
  });
});

describe('refusals', () => {
  it('refuses at the decision what the directory does not list, leaving the gate as it was', async () => {
    await using h = await harness();
    await toException(h, UNMAPPED);
    await h.store.directory.upsertProfiles('fixture-2', [
      { ...profileOf(NEURO_NEAR), active: false },
    ]);
    const cases: Array<[ReviewDecision, string]> = [
      [{ decision: 'retry', npi: '1234567893' }, 'npi'],
      [{ decision: 'retry', npi: NEURO_NEAR }, 'npi'],
      [{ decision: 'retry', npi: RETINA_NEAR, locationId: 'loc-99' }, 'locationId'],
      [{ decision: 'retry', locationId: 'loc-1' }, 'locationId'],
      [{ decision: 'retry', specialty: 'retina', npi: RETINA_NEAR }, 'npi'],
      [{ decision: 'cancel', specialty: 'retina' }, 'specialty'],
      [{ decision: 'reject', npi: RETINA_NEAR }, 'npi'],
    ];
    for (const [decision, path] of cases) {
      await expect(decide(h, decision), JSON.stringify(decision)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ path }],
      });
    }
    expect(await pendingKind(h)).toBe('exception');
    expect((await h.runner.state(ref))?.round).toBe(0);
    expect(await audited(h, 'review.decided')).toEqual([]);
  });

  it('refuses a specialty or a specialist on a review gate', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    expect(await pendingKind(h)).toBe('review');
    for (const [decision, path] of [
      [{ decision: 'approve', specialty: 'glaucoma' }, 'specialty'],
      [{ decision: 'retry', specialty: 'glaucoma' }, 'specialty'],
      [{ decision: 'edit', npi: RETINA_FAR }, 'npi'],
      [{ decision: 'approve', locationId: 'loc-1' }, 'locationId'],
    ] as Array<[ReviewDecision, string]>) {
      await expect(decide(h, decision)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ path }],
      });
    }
    expect(await pendingKind(h)).toBe('review');
    expect(await audited(h, 'review.decided')).toEqual([]);
  });

  it('refuses a specialist who declined or was rejected for this referral', async () => {
    await using h = await harness();
    await h.runner.start(ref);
    // The EHR narrows the radius before the coordinator rejects: the next round finds no one.
    h.ehr.addReferral(referralFor('ref-1', { preferredRadiusKm: 0.5 }));
    await decide(h, { decision: 'reject', note: 'not this one' });
    expect(await pendingKind(h)).toBe('exception');
    const [rejected] = (await h.runner.state(ref))?.excludedNpis ?? [];
    if (!rejected) throw new Error('expected the rejected specialist to be excluded');
    await expect(decide(h, { decision: 'retry', npi: rejected })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [
        { path: 'npi', message: 'This specialist declined or was rejected for this referral' },
      ],
    });
    expect(await pendingKind(h)).toBe('exception');
  });
});
