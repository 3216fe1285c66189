import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { matchAdHoc } from '../agents/index.js';
import { buildGraph, createReferralRunner, receiveHl7 } from '../graph/index.js';
import { generateInto, rebuildIndex } from '../retrieval/index.js';
import { type RunningSandbox, startSandbox } from '../sandbox/index.js';
import { openDirectoryIndex } from './adapters/directory-index/index.js';
import { createRevolutionEhrClient } from './adapters/ehr/index.js';
import { consultNoteReader, createHl7Codec, HL7_MAX_BYTES } from './adapters/hl7/index.js';
import { createLogger } from './adapters/log/index.js';
import { createPayerClient } from './adapters/payer/index.js';
import { openStore } from './adapters/store/index.js';
import { createWebhookVerifier } from './adapters/webhooks/index.js';
import { agentRuntime } from './agent-runtime.js';
import type { Config } from './config.js';
import type { Clock, DirectoryIndex, DirectoryRepo, Logger } from './domain/index.js';
import { createApp, serverTimeouts } from './http/index.js';
import {
  createAuditAnchorer,
  createInboxWorker,
  createOutboxRelay,
  createReconciler,
  createTimerScheduler,
  startMllpListener,
} from './runtime/index.js';

export interface ServiceOptions {
  logger?: Logger;
  clock?: Clock;
  /** PostgreSQL schema override (tests and benchmarks isolate themselves with it). */
  pgSchema?: string;
}

const systemClock: Clock = { now: () => new Date() };

/** A fresh install gets a generated directory; an index out of step with the repo is rebuilt. */
async function prepareDirectory(
  repo: DirectoryRepo,
  index: DirectoryIndex,
  options: Config['directory'],
  logger: Logger,
) {
  const counts = await repo.counts();
  if (counts.profiles === 0 && options.generateCount > 0) {
    const result = await generateInto({
      count: options.generateCount,
      seed: options.seed,
      repo,
      index,
      importId: `generated-${options.seed}-${options.generateCount}`,
    });
    logger.info('generated a directory', { profiles: result.profiles, seed: options.seed });
  } else if ((await index.count()) !== counts.active) {
    const indexed = await rebuildIndex({ repo, index });
    logger.info('rebuilt the directory index', { profiles: indexed });
  }
}

/** The composition root: config → adapters → graph → workers → HTTP (and the sandbox beside it). */
export async function startService(config: Config, options: ServiceOptions = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const opened = await openStore(config.store, {
    clock,
    auditAnchorKey: config.audit.anchorKey,
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
  });
  const { store, checkpointer } = opened;
  const { model, tracer } = agentRuntime(config, logger);
  const directoryIndex = await openDirectoryIndex(config.directory.index, config.llm);
  await prepareDirectory(store.directory, directoryIndex.index, config.directory, logger);
  const ehr = createRevolutionEhrClient(config.ehr);
  const tools = {
    ehr,
    payer: createPayerClient(config.payer),
    directory: directoryIndex.index,
    plans: store.directory,
    profiles: store.directory,
    outcomes: store.outcomes,
  };
  const graph = buildGraph({
    tools,
    store,
    checkpointer,
    clock,
    rollout: config.rollout,
    matching: config.matching,
    timers: config.loop.timers,
    ccda: consultNoteReader,
    model,
    ...(tracer ? { tracer } : {}),
  });
  const runner = createReferralRunner({ graph, store, ...(tracer ? { tracer } : {}) });
  logger.info('agents', {
    llm: model ? model.name : 'none (deterministic policies)',
    tracing: tracer !== null,
  });
  const inbox = createInboxWorker({ store, runner, tools, clock, logger, pollMs: 1000 });
  const relay = createOutboxRelay({
    outbox: store.outbox,
    ehr,
    clock,
    logger,
    maxAttempts: config.outbox.maxAttempts,
    leaseMs: config.outbox.leaseMs,
    pollMs: config.outbox.pollMs,
    backoffMs: config.outbox.backoffMs,
  });

  const timers = createTimerScheduler({
    timers: store.timers,
    clock,
    logger,
    pollMs: config.loop.timerPollMs,
    onFired: () => inbox.nudge(),
  });

  const reconciler = createReconciler({
    ehr,
    store,
    clock,
    logger,
    practiceId: config.webhook.practiceId,
    intervalMs: config.loop.reconcileIntervalMs,
    lookbackMs: config.loop.reconcileLookbackMs,
    onRecorded: () => inbox.nudge(),
  });

  const anchorer = createAuditAnchorer({
    audit: store.audit,
    logger,
    intervalMs: config.audit.anchorIntervalMs,
  });
  if (config.audit.isAnchorKeyDefault)
    logger.warn('AUDIT_ANCHOR_KEY is unset: audit checkpoints are signed with the development key');

  const hl7Intake = {
    codec: createHl7Codec(clock),
    ccda: consultNoteReader,
    store,
    clock,
    practiceId: config.hl7.practiceId,
    allowedFacilities: config.hl7.allowedFacilities,
  };
  const receive = (raw: string) => receiveHl7(raw, hl7Intake);
  if (config.hl7.isApiKeyDefault)
    logger.warn('HL7_API_KEY is unset: POST /hl7/v2 accepts the development key');
  if (!config.workspace.isSessionSecretSet)
    logger.warn('SESSION_SECRET is unset: workspace sessions end when this process does');

  const app = createApp({
    store,
    runner,
    clock,
    hl7: { apiKey: config.hl7.apiKey, maxBodyBytes: HL7_MAX_BYTES, receive },
    ccda: consultNoteReader,
    grants: config.auth.grants,
    workspace: config.workspace,
    verifyWebhook: createWebhookVerifier(config.webhook),
    maxWebhookBytes: config.webhook.maxBodyBytes,
    maxApiBytes: config.http.maxBodyBytes,
    onWebhookAccepted: () => inbox.nudge(),
    health: async () => ({ store: opened.kind, sandbox: config.sandbox.embedded }),
    match: (request, practiceId) =>
      matchAdHoc(request, {
        scope: { practiceId, referralId: `adhoc-${randomUUID()}` },
        runtime: { deps: tools, audit: store.audit },
        matching: config.matching,
      }),
    logError: (e) => logger.error('request failed', { code: e.code, message: e.message }),
  });
  const server = serve({
    fetch: app.fetch,
    port: config.http.port,
    hostname: config.http.host,
    serverOptions: serverTimeouts(config.http),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const mllp = await startMllpListener({
    host: config.hl7.host,
    port: config.hl7.mllpPort,
    logger,
    handle: async (raw) => {
      const answer = await receive(raw);
      if (answer.kind === 'ack' && answer.disposition === 'applied') inbox.nudge();
      return answer.ack;
    },
    onError: (failure) =>
      hl7Intake.codec.ack(null, 'AR', {
        problem: failure === 'oversize' ? 'too_large' : 'internal_error',
      }),
  });

  let sandbox: RunningSandbox | undefined;
  if (config.sandbox.embedded) {
    sandbox = await startSandbox({
      port: config.sandbox.port,
      practiceId: config.sandbox.practiceId,
      apiKey: config.sandbox.apiKey,
      webhookUrl: config.sandbox.webhookUrl,
      webhookSecret: config.sandbox.webhookSecret,
      headersTimeoutMs: config.http.headersTimeoutMs,
      requestTimeoutMs: config.http.requestTimeoutMs,
      hl7: { host: '127.0.0.1', port: mllp.port },
      offices: { timeScale: config.sandbox.officeTimeScale },
    });
  }

  const recovered = await runner.recover();
  if (recovered > 0) logger.info('continued interrupted runs', { count: recovered });
  inbox.start();
  relay.start();
  timers.start();
  reconciler.start();
  anchorer.start();

  return {
    url: `http://${config.http.host}:${port}`,
    /** The MLLP listener's port (HL7 v2 over TCP). */
    mllpPort: mllp.port,
    sandboxUrl: sandbox?.url ?? null,
    store,
    runner,
    /** One reconcile pass now (what `RECONCILE_INTERVAL_MS` does periodically; tests call it). */
    reconcile: () => reconciler.reconcile(),
    /**
     * Processes everything due now (tests and benchmarks): deliveries, the events they and the
     * timers cause, until nothing is left.
     */
    async drain() {
      for (let round = 0; round < 20; round++) {
        await inbox.drain();
        await relay.drain();
        const fired = await timers.fireDue();
        const pending = await store.inbox.pending(1);
        if (fired === 0 && pending.length === 0) return;
      }
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mllp.close();
      await Promise.all([inbox.stop(), relay.stop(), timers.stop(), reconciler.stop()]);
      await anchorer.stop();
      await sandbox?.close();
      directoryIndex.close();
      await tracer?.shutdown();
      await opened.close();
    },
  };
}

export type RunningService = Awaited<ReturnType<typeof startService>>;
