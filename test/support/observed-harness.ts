import {
  cooperativeModel,
  type OpenAiServer,
  startOpenAiServer,
} from '../../evals/models/index.js';
import { type OtlpReceiver, startOtlpReceiver } from '../../evals/phi/index.js';
import type { Logger } from '../../src/domain/index.js';
import { type Harness, startHarness } from './harness.js';

export interface ObservedHarness {
  h: Harness;
  /** The cooperative model's server: every request the agents sent. */
  llm: OpenAiServer;
  /** How many answers it gave, per step. */
  calls: Record<string, number>;
  /** The stand-in for Langfuse: every span exported. */
  otlp: OtlpReceiver;
  close(): Promise<void>;
}

/** The service with an LLM (the cooperative test model) and Langfuse (a local OTLP receiver). */
export async function startObservedHarness(
  options: { logger?: Logger; env?: Record<string, string> } = {},
): Promise<ObservedHarness> {
  const model = cooperativeModel();
  const llm = await startOpenAiServer(model.handler);
  const otlp = await startOtlpReceiver();
  const h = await startHarness({
    env: {
      OPENAI_BASE_URL: llm.url,
      OPENAI_API_KEY: 'test',
      LLM_TIMEOUT_MS: '5000',
      LANGFUSE_PUBLIC_KEY: 'pk-lf-test',
      LANGFUSE_SECRET_KEY: 'sk-lf-test',
      LANGFUSE_BASE_URL: otlp.baseUrl,
      ...options.env,
    },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    h,
    llm,
    calls: model.calls,
    otlp,
    async close() {
      await h.close();
      await llm.close();
      await otlp.close();
    },
  };
}
