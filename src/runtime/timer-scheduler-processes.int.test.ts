import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PRACTICE_ID } from '../../test/fixtures/world.js';
import { dropPgSchema, randomPgSchema, TEST_DATABASE_URL } from '../../test/support/postgres.js';
import type { TimerWorkerReport } from '../../test/support/timer-firing-worker.js';
import { waitFor } from '../../test/support/wait-for.js';
import { type OpenStore, openStore } from '../adapters/store/index.js';
import { withDefaultUser } from '../adapters/store/postgres-url.js';
import { type ReferralTimer, TimerKind } from '../domain/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TIMERS = 2000;
const PROCESSES = 2;
const DUE = '2026-01-02T15:00:00.000Z';
const NOW = '2026-01-02T16:00:00.000Z';

interface Worker {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startWorker(schema: string): Worker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/support/timer-firing-worker.ts',
      '--url',
      TEST_DATABASE_URL,
      '--schema',
      schema,
      '--at',
      NOW,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** Timers of `TIMERS` waiting referrals, all due before NOW, set through the store. */
async function seedTimers(opened: OpenStore): Promise<ReferralTimer[]> {
  const all = Array.from({ length: TIMERS }, (_, i) => ({
    practiceId: PRACTICE_ID,
    referralId: `ref-${String(i + 1).padStart(5, '0')}`,
    waitKey: `await-response|r0|e${i % 3}`,
    kind: TimerKind.options[i % TimerKind.options.length] ?? 'expiry',
    dueAt: new Date(Date.parse(DUE) - (i % 97) * 60_000).toISOString(),
  }));
  let next = 0;
  const setter = async () => {
    for (let i = next++; i < all.length; i = next++) {
      await opened.store.timers.set(all[i] as ReferralTimer);
    }
  };
  await Promise.all(Array.from({ length: 8 }, setter));
  return all;
}

/**
 * A session on the schema that holds the audit chain's lock (the one every transaction that
 * appends takes, `lockAuditChain`), so each worker stops inside its first `fireDue` until both
 * have reached it: then both have work in hand, whatever the order the OS started them in.
 */
async function holdAuditChain(schema: string) {
  const client = new pg.Client({
    connectionString: withDefaultUser(TEST_DATABASE_URL),
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  await client.query(
    "SELECT pg_advisory_lock(hashtext('referrals:audit'), hashtext(current_schema()))",
  );
  const { rows } = await client.query<{ classid: string; objid: string }>(
    "SELECT classid, objid FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted",
  );
  const held = rows[0];
  if (!held) throw new Error('the audit lock is not held');
  let released = false;
  return {
    async waiters(): Promise<number> {
      const res = await client.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2",
        [held.classid, held.objid],
      );
      return Number(res.rows[0]?.n ?? 0);
    },
    async release() {
      if (released) return;
      released = true;
      await client.end();
    },
  };
}

describe('timers with two processes on one PostgreSQL schema', () => {
  let schema: string | undefined;
  let workers: Worker[] = [];
  let cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.done));
    for (const cleanup of cleanups.reverse()) await cleanup();
    if (schema) await dropPgSchema(schema);
    workers = [];
    cleanups = [];
    schema = undefined;
  });

  it(`fires each of ${TIMERS} due timers exactly once, both processes sharing the work`, async ({
    annotate,
  }) => {
    schema = randomPgSchema();
    const opened = await openStore(
      { kind: 'postgres', url: TEST_DATABASE_URL },
      { pgSchema: schema },
    );
    cleanups.push(() => opened.close());
    const seeded = await seedTimers(opened);
    const expected = seeded.map((t) => `${t.referralId}|${t.waitKey}`).sort();

    const gate = await holdAuditChain(schema);
    cleanups.push(() => gate.release());
    workers = Array.from({ length: PROCESSES }, () => startWorker(schema as string));
    await waitFor(async () => (await gate.waiters()) === PROCESSES, {
      timeoutMs: 45_000,
      what: `both worker processes to be inside fireDue`,
    });
    await gate.release();

    const results = await Promise.all(workers.map((w) => w.done));
    const reports = results.map((r, i) => {
      expect(r.code, `worker ${i}: ${r.stderr.slice(0, 2000)}`).toBe(0);
      return JSON.parse(r.stdout.trim()) as TimerWorkerReport;
    });
    expect(new Set(reports.map((r) => r.pid)).size).toBe(PROCESSES);

    // Each timer fired by exactly one process; each process fired some.
    const fired = reports.flatMap((r) => r.fired);
    expect(fired).toHaveLength(TIMERS);
    expect([...fired].sort()).toEqual(expected);
    for (const r of reports) expect(r.fired.length).toBeGreaterThan(0);

    // Each became exactly one `timeout` event for its wait, recorded once in the audit chain.
    const inbox = await opened.store.inbox.pending(TIMERS + 1);
    expect(inbox).toHaveLength(TIMERS);
    const perWait = new Map<string, number>();
    for (const entry of inbox) {
      expect(entry.origin).toBe('loop');
      if (entry.origin !== 'loop') continue;
      expect(entry.event).toMatchObject({ type: 'timeout', source: 'timer' });
      const key = `${entry.referralId}|${entry.event.waitKey}`;
      perWait.set(key, (perWait.get(key) ?? 0) + 1);
    }
    expect([...perWait.keys()].sort()).toEqual(expected);
    expect([...perWait.values()].every((n) => n === 1)).toBe(true);
    const audited = await Promise.all(
      seeded
        .filter((_, i) => i % 50 === 0)
        .map((t) => opened.store.audit.list(PRACTICE_ID, t.referralId)),
    );
    for (const events of audited) {
      expect(events.filter((e) => e.action === 'event.recorded')).toHaveLength(1);
    }
    const verified = await opened.store.audit.verify();
    expect(verified).toMatchObject({ ok: true, checked: TIMERS });

    // Nothing is left to fire.
    expect(await opened.store.timers.fireDue(new Date(NOW), TIMERS)).toEqual([]);
    await annotate(
      JSON.stringify(reports.map((r) => ({ fired: r.fired.length, passes: r.passes }))),
    );
  }, 120_000);
});
