import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { StoreConfig } from '../../config.js';
import type { Clock, Store, ThreadLocks } from '../../domain/index.js';
import { createAnalyticsStore } from './analytics-store.js';
import { createAuditLog } from './audit-log.js';
import { type StoreContext, systemClock } from './context.js';
import { createDirectoryRepo } from './directory-repo.js';
import { createDocumentStore } from './documents.js';
import { createHl7Log } from './hl7-log.js';
import { createIdempotencyStore } from './idempotency.js';
import { createInbox } from './inbox.js';
import { createOutbox } from './outbox.js';
import { createOutcomeStore } from './outcomes.js';
import { openPostgres } from './postgres.js';
import { createQueueRepo } from './queue-repo.js';
import { createReconcileStore } from './reconcile-store.js';
import { createReferralRepo } from './referral-repo.js';
import { openSqlite } from './sqlite.js';
import { createTaskQueue } from './task-queue.js';
import { createThreadLocks, pgAdvisoryThreadLock } from './thread-locks.js';
import { createTimerStore } from './timers.js';

export interface OpenStore {
  kind: 'sqlite' | 'postgres';
  store: Store;
  checkpointer: BaseCheckpointSaver;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  clock?: Clock;
  /** PostgreSQL schema for our tables (default 'referrals'); checkpoints go to `<schema>_checkpoints`. */
  pgSchema?: string;
  /** Signs and checks the audit chain's checkpoints (`config.audit.anchorKey`); without it, `anchor` refuses. */
  auditAnchorKey?: string;
}

export const DEFAULT_PG_SCHEMA = 'referrals';

function createStore(ctx: StoreContext, locks: ThreadLocks, auditAnchorKey?: string): Store {
  return {
    directory: createDirectoryRepo(ctx),
    referrals: createReferralRepo(ctx),
    audit: createAuditLog(ctx, auditAnchorKey),
    inbox: createInbox(ctx),
    outbox: createOutbox(ctx),
    tasks: createTaskQueue(ctx),
    idempotency: createIdempotencyStore(ctx),
    locks,
    timers: createTimerStore(ctx),
    documents: createDocumentStore(ctx),
    hl7: createHl7Log(ctx),
    outcomes: createOutcomeStore(ctx),
    analytics: createAnalyticsStore(ctx),
    reconcile: createReconcileStore(ctx),
    queue: createQueueRepo(ctx),
  };
}

/** Opens the store and checkpointer for the configured backend, migrated to the latest schema. */
export async function openStore(
  config: StoreConfig,
  options: OpenStoreOptions = {},
): Promise<OpenStore> {
  const clock = options.clock ?? systemClock;
  if (config.kind === 'sqlite') {
    const { db, saver } = await openSqlite(config.path);
    const store = createStore(
      { db, dialect: 'sqlite', clock },
      createThreadLocks(),
      options.auditAnchorKey,
    );
    return { kind: 'sqlite', store, checkpointer: saver, close: once(() => db.destroy()) };
  }
  const { db, saver, lockPool } = await openPostgres(
    config.url,
    options.pgSchema ?? DEFAULT_PG_SCHEMA,
  );
  const locks = createThreadLocks(pgAdvisoryThreadLock(lockPool));
  const store = createStore({ db, dialect: 'postgres', clock }, locks, options.auditAnchorKey);
  // db.destroy() ends the shared pool exactly once; saver.end() would end it a second time.
  const close = once(async () => {
    await Promise.all([db.destroy(), lockPool.end()]);
  });
  return { kind: 'postgres', store, checkpointer: saver, close };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}
