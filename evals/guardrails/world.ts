import type { AgentModel } from '../../agents/index.js';
import { buildGraph, createReferralRunner, type GraphDeps } from '../../graph/index.js';
import { generateInto } from '../../retrieval/index.js';
import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import { createRevolutionEhrClient } from '../../src/adapters/ehr/index.js';
import { consultNoteReader } from '../../src/adapters/hl7/index.js';
import { createPayerClient } from '../../src/adapters/payer/index.js';
import { openStore } from '../../src/adapters/store/index.js';
import { loadConfig } from '../../src/config.js';
import type { DirectoryProfile, RolloutMode } from '../../src/domain/index.js';
import { EVAL_EHR_API_KEY, EVAL_PRACTICE_ID, startEvalSandbox } from '../models/index.js';

/**
 * The service's generated directory (its seed), at 3,000 profiles rather than the fresh-install
 * 10,000 so the suite starts fast: five retina specialists near the patient, three in network.
 */
export const DIRECTORY = { count: 3000, seed: 42 } as const;
/** The sandbox's demo patient: wet AMD, BlueWave PPO, Providence. */
export const BASE_PATIENT_ID = 'pat-0001';
const RETINA = '207WX0107X';

export interface WorldOptions {
  /** The product default is `assist`: a coordinator approves before anything is sent. */
  defaultMode?: RolloutMode;
  /** Profiles in the generated directory (default `DIRECTORY.count`). */
  directorySize?: number;
}

/**
 * Production pieces around the real graph: the sandbox EHR and payer over HTTP, an in-memory
 * SQLite store, and the generated directory in a memory index. Cases share it, one at a time.
 */
export async function openGuardrailsWorld(options: WorldOptions = {}) {
  const env = await startEvalSandbox();
  const opened = await openStore({ kind: 'sqlite', path: ':memory:' });
  try {
    const index = createMemoryDirectoryIndex();
    const count = options.directorySize ?? DIRECTORY.count;
    await generateInto({
      count,
      seed: DIRECTORY.seed,
      repo: opened.store.directory,
      index,
      importId: `generated-${DIRECTORY.seed}-${count}`,
    });
    const upstream = {
      baseUrl: env.sandbox.url,
      apiKey: EVAL_EHR_API_KEY,
      timeoutMs: 5000,
      maxAttempts: 1,
      backoffMs: 0,
    };
    const config = loadConfig({});
    const base = await env.ehr.patient(BASE_PATIENT_ID);
    const insurance = await env.ehr.insurance(BASE_PATIENT_ID);
    // Every retina profile a search near the patient could return: the directory-text targets.
    const nearby = await index.search({
      taxonomies: [RETINA],
      near: base.location,
      radiusKm: config.matching.radiusKm * 2,
      limit: 500,
    });
    const retinaNearby: DirectoryProfile[] = [
      ...new Map(nearby.map((h) => [h.profile.npi, h.profile])).values(),
    ];
    const clock = { now: () => new Date() };
    const graphDeps = (model: AgentModel | null): GraphDeps => ({
      tools: {
        ehr: createRevolutionEhrClient(upstream),
        payer: createPayerClient(upstream),
        directory: index,
        plans: opened.store.directory,
        profiles: opened.store.directory,
        outcomes: opened.store.outcomes,
      },
      store: opened.store,
      checkpointer: opened.checkpointer,
      clock,
      rollout: { modes: {}, defaultMode: options.defaultMode ?? 'assist' },
      matching: config.matching,
      timers: config.loop.timers,
      ccda: consultNoteReader,
      model,
    });
    return {
      practiceId: EVAL_PRACTICE_ID,
      ehr: env.ehr,
      store: opened.store,
      index,
      basePatient: { ...base, insurance },
      retinaNearby,
      /** A runner over the shared store whose agents use `model` (null: the rules). */
      runnerFor(model: AgentModel | null) {
        const graph = buildGraph(graphDeps(model));
        return createReferralRunner({ graph, store: opened.store });
      },
      async close() {
        await opened.close();
        await env.close();
      },
    };
  } catch (error) {
    await opened.close();
    await env.close();
    throw error;
  }
}

export type GuardrailsWorld = Awaited<ReturnType<typeof openGuardrailsWorld>>;
