import type { AgentContext, AgentModel } from '../../agents/index.js';
import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import { openStore } from '../../src/adapters/store/index.js';
import { NO_EHR, NO_PAYER } from '../../src/cli/match-command.js';
import type { DirectoryIndex } from '../../src/domain/index.js';

/**
 * What an agent step needs outside a referral: an in-memory store for its audit rows and
 * outcomes, a directory index, and no EHR or payer (an eval reads only its own dataset).
 */
export async function openEvalRuntime(directory: DirectoryIndex = createMemoryDirectoryIndex()) {
  const opened = await openStore({ kind: 'sqlite', path: ':memory:' });
  const runtime = {
    audit: opened.store.audit,
    deps: {
      ehr: NO_EHR,
      payer: NO_PAYER,
      directory,
      plans: opened.store.directory,
      profiles: opened.store.directory,
      outcomes: opened.store.outcomes,
    },
  };
  return {
    runtime,
    store: opened.store,
    contextFor: (referralId: string, model: AgentModel | null): AgentContext => ({
      scope: { practiceId: 'eval', referralId },
      runtime,
      model,
    }),
    close: () => opened.close(),
  };
}
