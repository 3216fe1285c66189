import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_TIMER_POLICIES, TimerPolicies } from './domain/loop-timers.js';

const DEV_WEBHOOK_SECRET = 'whsec_ZGV2LW9ubHktd2ViaG9vay1zZWNyZXQtY2hhbmdlLW1l';
const DEV_DEMO_TOKEN = 'demo-coordinator-token';
const DEV_EHR_API_KEY = 'sandbox-ehr-api-key';
const DEV_AUDIT_ANCHOR_KEY = 'dev-only-audit-anchor-key-change-me-in-production';
const DEV_HL7_API_KEY = 'dev-only-hl7-api-key-change-me';
const DEMO_PRACTICE_ID = 'practice-demo';

const Role = z.enum(['coordinator', 'viewer']);
const TokenGrant = z.object({
  token: z.string().min(16),
  practiceId: z.string().min(1),
  role: Role,
  name: z.string().min(1),
});
export type TokenGrant = z.infer<typeof TokenGrant>;

const Mode = z.enum(['shadow', 'assist', 'autonomous']);

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const FactorWeights = z.strictObject({
  specificity: z.number().min(0),
  distance: z.number().min(0),
  wait_time: z.number().min(0),
  rating: z.number().min(0),
  loop_closure: z.number().min(0),
  language: z.number().min(0),
  text_relevance: z.number().min(0),
});
const DEFAULT_WEIGHTS = {
  routine: {
    specificity: 0.2,
    distance: 0.25,
    wait_time: 0.2,
    rating: 0.1,
    loop_closure: 0.1,
    language: 0.1,
    text_relevance: 0.05,
  },
  urgent: {
    specificity: 0.15,
    distance: 0.2,
    wait_time: 0.35,
    rating: 0.1,
    loop_closure: 0.05,
    language: 0.1,
    text_relevance: 0.05,
  },
};

const Env = z.object({
  PORT: int(8787),
  HOST: z.string().default('127.0.0.1'),
  SANDBOX_PORT: int(8788),
  API_MAX_BODY_BYTES: int(256 * 1024),
  HTTP_HEADERS_TIMEOUT_MS: int(10_000),
  HTTP_REQUEST_TIMEOUT_MS: int(30_000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  EHR_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  PAYER_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  EHR_API_KEY: z.string().min(8).default(DEV_EHR_API_KEY),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{32,}$/, 'must be "whsec_" followed by at least 24 base64 bytes')
    .default(DEV_WEBHOOK_SECRET),
  SERVICE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DEMO_TOKEN: z.string().min(16).default(DEV_DEMO_TOKEN),
  DEMO_PRACTICE_ID: z.string().min(1).default(DEMO_PRACTICE_ID),
  COORDINATOR_TOKENS: json(z.array(TokenGrant)).default([]),
  /** Signs workspace session cookies; unset, each start makes one (sessions end on restart). */
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  ROLLOUT_MODES: json(z.record(z.string(), Mode)).default({}),
  DEFAULT_MODE: Mode.default('assist'),
  SEARCH_RADIUS_KM: int(80),
  MATCH_LIMIT: int(3),
  MATCH_SEARCH_WIDTH: z.coerce.number().int().min(1).max(200).default(50),
  DIRECTORY_GENERATE_COUNT: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  DIRECTORY_SEED: z.coerce.number().int().min(0).default(42),
  RANKING_WEIGHTS: json(z.strictObject({ routine: FactorWeights, urgent: FactorWeights })).default(
    DEFAULT_WEIGHTS,
  ),
  UPSTREAM_TIMEOUT_MS: int(5000),
  UPSTREAM_MAX_ATTEMPTS: int(4),
  UPSTREAM_BACKOFF_MS: int(250),
  OUTBOX_MAX_ATTEMPTS: int(8),
  OUTBOX_POLL_MS: int(250),
  OUTBOX_BACKOFF_MS: int(1000),
  OUTBOX_LEASE_MS: int(30_000),
  AUDIT_ANCHOR_KEY: z.string().min(32).default(DEV_AUDIT_ANCHOR_KEY),
  AUDIT_ANCHOR_INTERVAL_MS: int(60_000),
  QDRANT_URL: z.url({ protocol: /^https?$/ }).optional(),
  QDRANT_API_KEY: z.string().min(1).optional(),
  QDRANT_COLLECTION: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('specialists'),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: int(8000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(3).default(0),
  LLM_STRUCTURED_OUTPUT: z
    .enum(['jsonSchema', 'functionCalling', 'jsonMode'])
    .default('jsonSchema'),
  LLM_ZERO_RETENTION: z.stringbool().default(false),
  EMBEDDINGS_MODEL: z.string().min(1).optional(),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().max(8192).optional(),
  LANGFUSE_PUBLIC_KEY: z.string().min(1).optional(),
  LANGFUSE_SECRET_KEY: z.string().min(1).optional(),
  LANGFUSE_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://cloud.langfuse.com'),
  LANGFUSE_TRACING_ENVIRONMENT: z.string().min(1).optional(),
  LOOP_TIMERS: json(TimerPolicies).default(DEFAULT_TIMER_POLICIES),
  TIMER_POLL_MS: int(1000),
  HL7_API_KEY: z.string().min(16).default(DEV_HL7_API_KEY),
  HL7_MLLP_PORT: z.coerce.number().int().min(0).max(65_535).default(2575),
  /** The MSH-4 facilities allowed to send over MLLP (empty: any sender that reaches the port). */
  HL7_ALLOWED_FACILITIES: json(z.array(z.string().min(1))).default([]),
  /** How often the reconciler reads the EHR's change feed for missed webhooks (0: never). */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** A practice's first reconcile pass looks this far back (later passes resume where it stopped). */
  RECONCILE_LOOKBACK_MS: z.coerce.number().int().min(0).default(86_400_000),
  /** Simulated offices in the sandbox: how much faster than real time their days pass. */
  SANDBOX_OFFICE_TIME_SCALE: z.coerce.number().positive().max(1_000_000).default(1440),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

function storeConfig(databaseUrl: string | undefined, dataDir: string): StoreConfig {
  return databaseUrl
    ? { kind: 'postgres', url: databaseUrl }
    : { kind: 'sqlite', path: `${dataDir.replace(/\/$/, '')}/referrals.sqlite` };
}

/** Parses the environment once; fails fast naming the variable at fault. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = Env.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const worstDeliveryMs =
    e.UPSTREAM_TIMEOUT_MS * e.UPSTREAM_MAX_ATTEMPTS +
    e.UPSTREAM_BACKOFF_MS * 2 ** e.UPSTREAM_MAX_ATTEMPTS;
  if (e.OUTBOX_LEASE_MS <= worstDeliveryMs) {
    throw new Error(
      `Invalid configuration:\n  OUTBOX_LEASE_MS: must exceed one delivery's worst case (${worstDeliveryMs} ms from UPSTREAM_TIMEOUT_MS, UPSTREAM_MAX_ATTEMPTS, UPSTREAM_BACKOFF_MS), or a live delivery could be leased twice`,
    );
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new Error(
      'Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)',
    );
  }
  const sandboxUrl = `http://127.0.0.1:${e.SANDBOX_PORT}`;
  const serviceUrl = e.SERVICE_URL ?? `http://127.0.0.1:${e.PORT}`;
  return {
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: serviceUrl,
      /** Every /api request body (the webhook has its own, `webhook.maxBodyBytes`). */
      maxBodyBytes: e.API_MAX_BODY_BYTES,
      /** Both listeners (service and sandbox): a client slower than these loses its connection. */
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    },
    store: storeConfig(e.DATABASE_URL, e.DATA_DIR),
    dataDir: e.DATA_DIR,
    ehr: {
      baseUrl: e.EHR_BASE_URL ?? sandboxUrl,
      apiKey: e.EHR_API_KEY,
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      maxAttempts: e.UPSTREAM_MAX_ATTEMPTS,
      backoffMs: e.UPSTREAM_BACKOFF_MS,
    },
    payer: {
      baseUrl: e.PAYER_BASE_URL ?? e.EHR_BASE_URL ?? sandboxUrl,
      apiKey: e.EHR_API_KEY,
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      maxAttempts: e.UPSTREAM_MAX_ATTEMPTS,
      backoffMs: e.UPSTREAM_BACKOFF_MS,
    },
    sandbox: {
      /** The sandbox starts beside the service unless EHR_BASE_URL points elsewhere. */
      embedded: e.EHR_BASE_URL === undefined,
      port: e.SANDBOX_PORT,
      practiceId: e.DEMO_PRACTICE_ID,
      apiKey: e.EHR_API_KEY,
      webhookUrl: `${serviceUrl}/webhooks/ehr`,
      webhookSecret: e.WEBHOOK_SECRET,
      /** How much faster than real time the simulated specialist offices live. */
      officeTimeScale: e.SANDBOX_OFFICE_TIME_SCALE,
    },
    webhook: {
      secret: e.WEBHOOK_SECRET,
      /** The practice the EHR connection (and so the webhook secret) belongs to. */
      practiceId: e.DEMO_PRACTICE_ID,
      toleranceSeconds: 300,
      maxBodyBytes: 64 * 1024,
    },
    auth: {
      grants: [
        {
          token: e.DEMO_TOKEN,
          practiceId: e.DEMO_PRACTICE_ID,
          role: 'coordinator',
          name: 'demo-coordinator',
        } satisfies TokenGrant,
        ...e.COORDINATOR_TOKENS,
      ],
      isDemoTokenDefault: e.DEMO_TOKEN === DEV_DEMO_TOKEN,
    },
    workspace: {
      sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      isSessionSecretSet: e.SESSION_SECRET !== undefined,
      sessionMs: e.SESSION_HOURS * 3_600_000,
      /** Session cookies are `Secure` (and `__Host-`) when the service is reached over TLS. */
      secureCookies: serviceUrl.startsWith('https:'),
    },
    rollout: { modes: e.ROLLOUT_MODES, defaultMode: e.DEFAULT_MODE },
    loop: {
      timers: e.LOOP_TIMERS,
      timerPollMs: e.TIMER_POLL_MS,
      reconcileIntervalMs: e.RECONCILE_INTERVAL_MS,
      reconcileLookbackMs: e.RECONCILE_LOOKBACK_MS,
    },
    hl7: {
      apiKey: e.HL7_API_KEY,
      isApiKeyDefault: e.HL7_API_KEY === DEV_HL7_API_KEY,
      mllpPort: e.HL7_MLLP_PORT,
      host: e.HOST,
      allowedFacilities: e.HL7_ALLOWED_FACILITIES,
      /** The practice HL7 v2 messages are for (one per deployment until practices are data). */
      practiceId: e.DEMO_PRACTICE_ID,
    },
    directory: {
      index: indexConfig(e),
      /** An empty directory is filled with this many generated profiles at start (0: none). */
      generateCount: e.DIRECTORY_GENERATE_COUNT,
      seed: e.DIRECTORY_SEED,
    },
    matching: {
      radiusKm: e.SEARCH_RADIUS_KM,
      limit: e.MATCH_LIMIT,
      /** The nearest eligible practitioners ranked per tier (the search tool allows at most 200). */
      searchWidth: e.MATCH_SEARCH_WIDTH,
      weights: e.RANKING_WEIGHTS,
    },
    outbox: {
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      pollMs: e.OUTBOX_POLL_MS,
      backoffMs: e.OUTBOX_BACKOFF_MS,
      leaseMs: e.OUTBOX_LEASE_MS,
    },
    audit: {
      /** HMAC key of the chain's checkpoints: kept out of the database the checkpoints protect. */
      anchorKey: e.AUDIT_ANCHOR_KEY,
      anchorIntervalMs: e.AUDIT_ANCHOR_INTERVAL_MS,
      isAnchorKeyDefault: e.AUDIT_ANCHOR_KEY === DEV_AUDIT_ANCHOR_KEY,
    },
    llm: llmConfig(e),
    tracing: tracingConfig(e),
    logLevel: e.LOG_LEVEL,
  };
}

type ParsedEnv = z.infer<typeof Env>;

export type IndexConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'qdrant'; url: string; apiKey?: string; collection: string; timeoutMs: number };

/** Qdrant when QDRANT_URL is set; else the embedded index, in the store's SQLite file or beside it. */
function indexConfig(e: ParsedEnv): IndexConfig {
  if (e.QDRANT_URL) {
    return {
      kind: 'qdrant',
      url: e.QDRANT_URL,
      ...(e.QDRANT_API_KEY ? { apiKey: e.QDRANT_API_KEY } : {}),
      collection: e.QDRANT_COLLECTION,
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
    };
  }
  const dir = e.DATA_DIR.replace(/\/$/, '');
  const file = e.DATABASE_URL === undefined ? 'referrals.sqlite' : 'directory-index.sqlite';
  return { kind: 'sqlite', path: `${dir}/${file}` };
}

/** No API key, no LLM: every agent runs its deterministic policy. */
function llmConfig(e: ParsedEnv) {
  if (!e.OPENAI_API_KEY) return null;
  const endpoint = { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL ?? null };
  return {
    ...endpoint,
    model: e.LLM_MODEL,
    timeoutMs: e.LLM_TIMEOUT_MS,
    maxRetries: e.LLM_MAX_RETRIES,
    structuredOutput: e.LLM_STRUCTURED_OUTPUT,
    /** The endpoint is covered by a BAA with zero retention (recorded in the audit). */
    zeroRetention: e.LLM_ZERO_RETENTION,
    embeddings:
      e.EMBEDDINGS_MODEL && e.EMBEDDINGS_DIMENSIONS
        ? { ...endpoint, model: e.EMBEDDINGS_MODEL, dimensions: e.EMBEDDINGS_DIMENSIONS }
        : null,
  };
}

/** Langfuse export only when both keys are set; otherwise the audit trail alone. */
function tracingConfig(e: ParsedEnv) {
  if (!e.LANGFUSE_PUBLIC_KEY || !e.LANGFUSE_SECRET_KEY) return null;
  return {
    publicKey: e.LANGFUSE_PUBLIC_KEY,
    secretKey: e.LANGFUSE_SECRET_KEY,
    baseUrl: e.LANGFUSE_BASE_URL,
    environment: e.LANGFUSE_TRACING_ENVIRONMENT ?? null,
  };
}

export type Config = ReturnType<typeof loadConfig>;
export type SandboxConfig = Config['sandbox'];
export type UpstreamConfig = Config['ehr'];
export type LlmConfig = NonNullable<Config['llm']>;
export type TracingConfig = NonNullable<Config['tracing']>;
