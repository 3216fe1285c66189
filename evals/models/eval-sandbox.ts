import { randomBytes } from 'node:crypto';
import { type RunningSandbox, startSandbox } from '../../sandbox/index.js';
import { type SandboxClient, sandboxClient } from './sandbox-client.js';

export const EVAL_PRACTICE_ID = 'practice-eval';
export const EVAL_EHR_API_KEY = 'eval-sandbox-ehr-api-key';

/** A Standard Webhooks secret, as the sandbox and the service take it. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * The sandbox EHR and payer in this process on an ephemeral port, its specialist offices idle.
 * `webhookUrl` defaults to a closed port: a suite that drives the graph itself needs no events.
 */
export async function startEvalSandbox(
  options: { webhookUrl?: string; webhookSecret?: string; seed?: number } = {},
): Promise<{ sandbox: RunningSandbox; ehr: SandboxClient; close(): Promise<void> }> {
  const sandbox = await startSandbox({
    port: 0,
    practiceId: EVAL_PRACTICE_ID,
    apiKey: EVAL_EHR_API_KEY,
    webhookUrl: options.webhookUrl ?? 'http://127.0.0.1:9/webhooks/ehr',
    webhookSecret: options.webhookSecret ?? newWebhookSecret(),
    webhookRetryDelaysMs: options.webhookUrl ? [50, 100, 200] : [],
    seed: options.seed ?? 42,
    offices: { tickMs: 0 },
  });
  return {
    sandbox,
    ehr: sandboxClient(sandbox.url, EVAL_EHR_API_KEY),
    close: () => sandbox.close(),
  };
}
