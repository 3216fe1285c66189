import type { AgentModel } from '../../agents/index.js';
import { buildGraph, createReferralRunner, type GraphDeps } from '../../graph/index.js';
import { consultNoteReader } from '../../src/adapters/hl7/index.js';
import { openStore } from '../../src/adapters/store/index.js';
import { loadConfig } from '../../src/config.js';
import type {
  ClinicalNote,
  Clock,
  DirectoryIndex,
  Referral,
  RolloutMode,
} from '../../src/domain/index.js';
import { eyeSpecialistsIndex } from '../fixtures/eye-specialists.js';
import { ada, adaCoverage, bluewavePpo, referralFor } from '../fixtures/world.js';
import { createFakeEhr } from './fake-ehr.js';
import { createFakePayer } from './fake-payer.js';

/** The real graph and runner over an in-memory SQLite store, with a fake EHR and payer. */
export async function createGraphHarness(
  options: {
    modes?: Record<string, RolloutMode>;
    /** The agents' LLM (e.g. the real client against a local test server); none by default. */
    model?: AgentModel;
    referrals?: Referral[];
    notes?: ClinicalNote[];
    directory?: DirectoryIndex;
    clock?: Clock;
  } = {},
) {
  const clock = options.clock ?? { now: () => new Date() };
  const opened = await openStore({ kind: 'sqlite', path: ':memory:' }, { clock });
  const ehr = createFakeEhr({
    referrals: options.referrals ?? [referralFor('ref-1')],
    patients: [ada],
    coverages: { [ada.id]: [adaCoverage] },
    notes: { [ada.id]: options.notes ?? [] },
  });
  const payer = createFakePayer([bluewavePpo]);
  const tools = {
    ehr: ehr.client,
    payer: payer.client,
    directory: options.directory ?? eyeSpecialistsIndex(),
    plans: opened.store.directory,
    profiles: opened.store.directory,
    outcomes: opened.store.outcomes,
  };
  const graphDeps: GraphDeps = {
    tools,
    store: opened.store,
    checkpointer: opened.checkpointer,
    clock,
    rollout: { modes: options.modes ?? {}, defaultMode: 'assist' },
    matching: loadConfig({}).matching,
    timers: loadConfig({}).loop.timers,
    ccda: consultNoteReader,
    model: options.model ?? null,
  };
  const graph = buildGraph(graphDeps);
  const runner = createReferralRunner({ graph, store: opened.store });
  return {
    ...opened,
    ehr,
    payer,
    tools,
    clock,
    /** What the graph was built with: a test may build another over the same store and threads. */
    graphDeps,
    graph,
    runner,
    [Symbol.asyncDispose]: () => opened.close(),
  };
}
