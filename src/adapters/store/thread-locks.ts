import type pg from 'pg';
import type { ThreadLocks } from '../../domain/index.js';
import { KeyedMutex } from './keyed-mutex.js';

/** Acquires a cross-process lock for a thread and returns its release function. */
export type DistributedLock = (threadId: string) => Promise<() => Promise<void>>;

/** In-process mutex per thread id, then (when given) a lock that also excludes other processes. */
export function createThreadLocks(distributed?: DistributedLock): ThreadLocks {
  const local = new KeyedMutex();
  return {
    withLock(threadId, fn) {
      return local.run(threadId, async () => {
        if (distributed === undefined) return fn();
        const release = await distributed(threadId);
        try {
          return await fn();
        } finally {
          await release();
        }
      });
    },
  };
}

/**
 * A session-level `pg_advisory_lock(hashtext(threadId))` held on a dedicated client for the
 * duration of the work. If unlocking fails the client is destroyed, which also drops the lock.
 */
export function pgAdvisoryThreadLock(pool: pg.Pool): DistributedLock {
  return async (threadId) => {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [threadId]);
    } catch (error) {
      client.release(true);
      throw error;
    }
    return async () => {
      try {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [threadId]);
        client.release();
      } catch {
        client.release(true);
      }
    };
  };
}
