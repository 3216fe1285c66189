import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, startSandbox } from '../../sandbox/index.js';
import { createLogger } from '../../src/adapters/log/index.js';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/domain/index.js';
import { type RunningService, startService } from '../../src/service.js';
import { type ServiceApi, serviceApi } from './api.js';
import { freePort } from './free-port.js';
import { dropPgSchema, randomPgSchema, TEST_DATABASE_URL } from './postgres.js';
import { type SandboxApi, sandboxApi } from './sandbox-api.js';
import { postgresReader, sqliteReader, type TableReader } from './table-reader.js';
import { type HandMadeWebhook, newWebhookSecret, postWebhook } from './webhooks.js';

export const DEMO_PRACTICE_ID = 'practice-demo';
export const OTHER_PRACTICE_ID = 'practice-other';
export const EHR_API_KEY = 'e2e-sandbox-ehr-api-key';
export const HL7_KEY = 'e2e-hl7-api-key-0123456789';

/** Bearer tokens the harness configures; the demo coordinator's grant is named 'demo-coordinator'. */
export const TOKENS = {
  coordinator: 'e2e-demo-coordinator-token',
  viewer: 'e2e-demo-viewer-token-000',
  otherPractice: 'e2e-other-practice-coordinator',
} as const;
export const COORDINATOR_ACTOR = 'coordinator:demo-coordinator';

/** Fast retries everywhere so fault scenarios settle in milliseconds, not minutes. */
export const WEBHOOK_RETRY_DELAYS_MS = [50, 100, 200];

export type StoreKind = 'sqlite' | 'postgres';

/** The service's environment, wired to an external sandbox (so the service starts none). */
export function serviceEnv(input: {
  port: number;
  sandboxUrl: string;
  webhookSecret: string;
  dataDir?: string;
  databaseUrl?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    PORT: String(input.port),
    HOST: '127.0.0.1',
    EHR_BASE_URL: input.sandboxUrl,
    EHR_API_KEY,
    WEBHOOK_SECRET: input.webhookSecret,
    DEMO_TOKEN: TOKENS.coordinator,
    DEMO_PRACTICE_ID,
    COORDINATOR_TOKENS: JSON.stringify([
      {
        token: TOKENS.otherPractice,
        practiceId: OTHER_PRACTICE_ID,
        role: 'coordinator',
        name: 'other-coordinator',
      },
      { token: TOKENS.viewer, practiceId: DEMO_PRACTICE_ID, role: 'viewer', name: 'demo-viewer' },
    ]),
    UPSTREAM_MAX_ATTEMPTS: '3',
    UPSTREAM_BACKOFF_MS: '20',
    UPSTREAM_TIMEOUT_MS: '2000',
    OUTBOX_POLL_MS: '50',
    OUTBOX_BACKOFF_MS: '50',
    HL7_MLLP_PORT: '0',
    HL7_API_KEY: HL7_KEY,
    LOG_LEVEL: 'silent',
    // No periodic reconcile pass: a test that wants one calls `service.reconcile()` (or sets it).
    RECONCILE_INTERVAL_MS: '0',
    ...(input.dataDir === undefined ? {} : { DATA_DIR: input.dataDir }),
    ...(input.databaseUrl === undefined ? {} : { DATABASE_URL: input.databaseUrl }),
    ...input.extra,
  };
}

/** A sandbox EHR on its own port whose webhooks go to `servicePort`. */
export function startTestSandbox(servicePort: number, webhookSecret: string) {
  return startSandbox({
    port: 0,
    practiceId: DEMO_PRACTICE_ID,
    apiKey: EHR_API_KEY,
    webhookUrl: `http://127.0.0.1:${servicePort}/webhooks/ehr`,
    webhookSecret,
    webhookRetryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
  });
}

export interface Harness {
  store: StoreKind;
  service: RunningService;
  sandbox: RunningSandbox;
  webhookSecret: string;
  /** The demo practice's coordinator. */
  api: ServiceApi;
  viewerApi: ServiceApi;
  otherPracticeApi: ServiceApi;
  /** Any token (or none). */
  apiAs(token: string | undefined): ServiceApi;
  ehr: SandboxApi;
  /** Signs with the service's secret (unless `hook.secret`) and POSTs to /webhooks/ehr. */
  postWebhook(hook: HandMadeWebhook): ReturnType<typeof postWebhook>;
  /** Plain SELECTs against the service's own database (its SQLite file or PostgreSQL schema). */
  rows: TableReader;
  close(): Promise<void>;
}

/**
 * A real sandbox and a real service (in this process) on two ports, wired to each other over
 * HTTP, on a fresh SQLite directory or a fresh PostgreSQL schema. `close()` removes everything.
 */
export async function startHarness(
  options: { store?: StoreKind; env?: Record<string, string>; logger?: Logger } = {},
): Promise<Harness> {
  const store = options.store ?? 'sqlite';
  const webhookSecret = newWebhookSecret();
  const port = await freePort();
  const sandbox = await startTestSandbox(port, webhookSecret);
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-'));
  const pgSchema = store === 'postgres' ? randomPgSchema() : undefined;
  const cleanup = async () => {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (pgSchema) await dropPgSchema(pgSchema);
  };
  let service: RunningService;
  try {
    const config = loadConfig(
      serviceEnv({
        port,
        sandboxUrl: sandbox.url,
        webhookSecret,
        dataDir,
        ...(store === 'postgres' ? { databaseUrl: TEST_DATABASE_URL } : {}),
        ...(options.env ? { extra: options.env } : {}),
      }),
    );
    service = await startService(config, {
      logger: options.logger ?? createLogger('silent'),
      ...(pgSchema ? { pgSchema } : {}),
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const apiAs = (token: string | undefined) => serviceApi(service.url, token);
  let closing: Promise<void> | undefined;
  return {
    store,
    service,
    sandbox,
    webhookSecret,
    api: apiAs(TOKENS.coordinator),
    viewerApi: apiAs(TOKENS.viewer),
    otherPracticeApi: apiAs(TOKENS.otherPractice),
    apiAs,
    ehr: sandboxApi(sandbox.url, EHR_API_KEY),
    postWebhook: (hook) => postWebhook(service.url, webhookSecret, hook),
    rows: pgSchema ? postgresReader(pgSchema) : sqliteReader(join(dataDir, 'referrals.sqlite')),
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
