import { describe, expect, it } from 'vitest';
import type { CoordinatorTask } from '../src/domain/index.js';
import { createGraphHarness } from '../test/fakes/graph-harness.js';
import { PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { applyDecision } from './decide.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;
const ref = { practiceId: PRACTICE_ID, referralId: 'ref-1' };
const UNMAPPED = { diagnosisCodes: ['Z01.00'], reason: 'Follow-up as discussed' };

async function parkedAtException() {
  const h = await createGraphHarness({ referrals: [] });
  h.ehr.addReferral(referralFor('ref-1', UNMAPPED));
  await h.runner.start(ref);
  expect((await h.runner.pending(ref))[0]?.kind).toBe('exception');
  return h;
}

const tasksOf = async (h: Harness) =>
  (await h.store.tasks.list(PRACTICE_ID, { referralId: 'ref-1' })).map(
    (t: CoordinatorTask) => `${t.kind}:${t.status}`,
  );

describe('tasks a decision makes moot', () => {
  it('resolving an exception completes its task, audited as the coordinator', async () => {
    await using h = await parkedAtException();
    expect(await tasksOf(h)).toEqual(['exception:open']);
    await applyDecision(
      { ...ref, decision: { decision: 'retry', specialty: 'retina' }, actor: 'coordinator:cora' },
      h,
    );
    expect(await tasksOf(h)).toEqual(['exception:done']);
    const completed = (await h.store.audit.list(PRACTICE_ID, 'ref-1')).filter(
      (e) => e.action === 'task.completed',
    );
    expect(completed.map((e) => [e.actor, e.data.taskKind])).toEqual([
      ['coordinator:cora', 'exception'],
    ]);
  });

  it('cancelling at the exception completes its task too', async () => {
    await using h = await parkedAtException();
    await applyDecision({ ...ref, decision: { decision: 'cancel' }, actor: 'coordinator:cora' }, h);
    expect((await h.store.referrals.getReferral(PRACTICE_ID, 'ref-1'))?.status).toBe('cancelled');
    expect(await tasksOf(h)).toEqual(['exception:done']);
  });
});
