import type { AgentContext, AgentModel, StructuredOutputMethod } from '../../agents/index.js';
import { scriptedAgentModel } from '../../evals/models/index.js';
import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import type { AuditLog } from '../../src/domain/index.js';
import { createFakeEhr } from '../fakes/fake-ehr.js';
import { createFakePayer } from '../fakes/fake-payer.js';
import { createMemoryAudit } from '../fakes/memory-audit.js';
import { createMemoryOutcomes } from '../fakes/memory-outcomes.js';
import { bluewavePpo } from '../fixtures/world.js';

/** The production ChatOpenAI client, pointed at a local OpenAI-compatible test server. */
export const agentModelFor = (
  baseUrl: string,
  options: { timeoutMs?: number; structuredOutput?: StructuredOutputMethod } = {},
): AgentModel => scriptedAgentModel(baseUrl, { ...options, name: 'test-model' });

/** An agent's context for one step against the test server: no data behind its tools, a fresh audit. */
export function llmStepContext(
  baseUrl: string,
  audit: AuditLog = createMemoryAudit(),
): AgentContext {
  return {
    scope: { practiceId: 'p', referralId: 'r' },
    runtime: {
      audit,
      deps: {
        ehr: createFakeEhr({}).client,
        payer: createFakePayer([bluewavePpo]).client,
        directory: createMemoryDirectoryIndex(),
        plans: { getPlan: async () => undefined },
        profiles: { getProfile: async () => undefined },
        outcomes: createMemoryOutcomes(),
      },
    },
    model: agentModelFor(baseUrl, { timeoutMs: 800 }),
  };
}
