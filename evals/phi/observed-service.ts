import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/adapters/log/index.js';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import {
  cooperativeModel,
  EVAL_EHR_API_KEY,
  EVAL_PRACTICE_ID,
  freePort,
  newWebhookSecret,
  startEvalSandbox,
  startOpenAiServer,
} from '../models/index.js';
import { startOtlpReceiver } from './otlp-receiver.js';

export const COORDINATOR_TOKEN = 'eval-phi-coordinator-token';

/**
 * The service as production composes it (`startService`), with its LLM on the scripted
 * cooperative model, Langfuse on an in-process OTLP receiver, and its logs (debug and up) kept as
 * lines; the sandbox EHR beside it sends the webhooks. Every channel PHI could leave by is recorded.
 */
export async function startObservedService() {
  const logLines: string[] = [];
  const model = cooperativeModel();
  const llm = await startOpenAiServer(model.handler);
  const otlp = await startOtlpReceiver();
  const port = await freePort();
  const webhookSecret = newWebhookSecret();
  const env = await startEvalSandbox({
    webhookUrl: `http://127.0.0.1:${port}/webhooks/ehr`,
    webhookSecret,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'eval-phi-'));
  const cleanup = async () => {
    await env.close();
    await llm.close();
    await otlp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EHR_BASE_URL: env.sandbox.url,
      EHR_API_KEY: EVAL_EHR_API_KEY,
      WEBHOOK_SECRET: webhookSecret,
      DEMO_TOKEN: COORDINATOR_TOKEN,
      DEMO_PRACTICE_ID: EVAL_PRACTICE_ID,
      UPSTREAM_MAX_ATTEMPTS: '3',
      UPSTREAM_BACKOFF_MS: '20',
      OUTBOX_POLL_MS: '50',
      OUTBOX_BACKOFF_MS: '50',
      HL7_MLLP_PORT: '0',
      HL7_API_KEY: 'eval-phi-hl7-api-key-0000',
      RECONCILE_INTERVAL_MS: '0',
      LOG_LEVEL: 'debug',
      // A small generated directory (three in-network retina specialists nearby) starts fast.
      DIRECTORY_GENERATE_COUNT: '3000',
      OPENAI_BASE_URL: llm.url,
      OPENAI_API_KEY: 'eval-key',
      LLM_TIMEOUT_MS: '5000',
      LANGFUSE_PUBLIC_KEY: 'pk-lf-eval',
      LANGFUSE_SECRET_KEY: 'sk-lf-eval',
      LANGFUSE_BASE_URL: otlp.baseUrl,
    });
    service = await startService(config, {
      logger: createLogger('debug', (line) => logLines.push(line)),
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    service,
    ehr: env.ehr,
    practiceId: EVAL_PRACTICE_ID,
    /** Every request the agents sent the model, and its answers per step. */
    llm,
    llmCalls: model.calls,
    /** Every OTLP export (complete once `close` has flushed the tracer). */
    otlp,
    logLines,
    /** A coordinator's review, over the service's HTTP API. */
    async review(referralId: string, decision: 'approve' | 'reject'): Promise<number> {
      const response = await fetch(
        `${service.url}/api/referrals/${encodeURIComponent(referralId)}/review`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${COORDINATOR_TOKEN}`,
            'content-type': 'application/json',
            'idempotency-key': `eval-${referralId}-${decision}`,
          },
          body: JSON.stringify({ decision }),
        },
      );
      await response.body?.cancel();
      return response.status;
    },
    /** Stops the service first: its tracer flushes every pending span on the way out. */
    close() {
      closing ??= (async () => {
        try {
          await service.close();
        } finally {
          await cleanup();
        }
      })();
      return closing;
    },
  };
}

export type ObservedService = Awaited<ReturnType<typeof startObservedService>>;
