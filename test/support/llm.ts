import type { AgentContext, AgentModel, StructuredOutputMethod } from '../../agents/index.js';
import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import { createChatModel } from '../../src/adapters/llm/index.js';
import type { AuditLog } from '../../src/domain/index.js';
import { createFakeEhr } from '../fakes/fake-ehr.js';
import { createFakePayer } from '../fakes/fake-payer.js';
import { createMemoryAudit } from '../fakes/memory-audit.js';
import { createMemoryOutcomes } from '../fakes/memory-outcomes.js';
import { bluewavePpo } from '../fixtures/world.js';

/** The production ChatOpenAI client, pointed at a local OpenAI-compatible test server. */
export function agentModelFor(
  baseUrl: string,
  options: { timeoutMs?: number; structuredOutput?: StructuredOutputMethod } = {},
): AgentModel {
  const timeoutMs = options.timeoutMs ?? 2000;
  const structuredOutput = options.structuredOutput ?? 'jsonSchema';
  return {
    chat: createChatModel({
      apiKey: 'test-key',
      baseUrl,
      model: 'test-model',
      timeoutMs,
      maxRetries: 0,
      structuredOutput,
      zeroRetention: false,
      embeddings: null,
    }),
    name: 'test-model',
    structuredOutput,
    timeoutMs,
    zeroRetention: false,
  };
}

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
