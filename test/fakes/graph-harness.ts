import { buildGraph, createReferralRunner } from '../../graph/index.js';
import { openStore } from '../../src/adapters/store/index.js';
import { loadConfig } from '../../src/config.js';
import type { RolloutMode } from '../../src/domain/index.js';
import { eyeSpecialistsIndex } from '../fixtures/eye-specialists.js';
import { ada, adaCoverage, bluewavePpo, referralFor } from '../fixtures/world.js';
import { createFakeEhr } from './fake-ehr.js';
import { createFakePayer } from './fake-payer.js';

/** The real graph and runner over an in-memory SQLite store, with a fake EHR and payer. */
export async function createGraphHarness(options: { modes?: Record<string, RolloutMode> } = {}) {
  const opened = await openStore({ kind: 'sqlite', path: ':memory:' });
  const ehr = createFakeEhr({
    referrals: [referralFor('ref-1')],
    patients: [ada],
    coverages: { [ada.id]: [adaCoverage] },
  });
  const payer = createFakePayer([bluewavePpo]);
  const graph = buildGraph({
    tools: {
      ehr: ehr.client,
      payer: payer.client,
      directory: eyeSpecialistsIndex(),
      plans: opened.store.directory,
    },
    store: opened.store,
    checkpointer: opened.checkpointer,
    clock: { now: () => new Date() },
    rollout: { modes: options.modes ?? {}, defaultMode: 'assist' },
    matching: loadConfig({}).matching,
  });
  const runner = createReferralRunner({ graph, store: opened.store });
  return { ...opened, ehr, payer, graph, runner, [Symbol.asyncDispose]: () => opened.close() };
}
