import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import {
  Annotation,
  Command,
  END,
  INTERRUPT,
  interrupt,
  isInterrupted,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPgSchema, randomPgSchema, TEST_DATABASE_URL } from '../../../test/support/postgres.js';
import { postgresBackend, sleep, sqliteBackend } from '../../../test/support/store-backends.js';
import type { ThreadLocks } from '../../domain/index.js';
import { openStore } from './open-store.js';

/** Runs two jobs concurrently and returns the start/end log. */
async function race(first: [ThreadLocks, string], second: [ThreadLocks, string], holdMs = 60) {
  const log: string[] = [];
  const job = (label: string) => async () => {
    log.push(`${label}:start`);
    await sleep(holdMs);
    log.push(`${label}:end`);
    return label;
  };
  const results = await Promise.all([
    first[0].withLock(first[1], job('a')),
    second[0].withLock(second[1], job('b')),
  ]);
  expect(results).toEqual(['a', 'b']);
  return log;
}

const serialized = (log: string[]) =>
  log[0]?.split(':')[0] === log[1]?.split(':')[0] &&
  log[2]?.split(':')[0] === log[3]?.split(':')[0];

const State = Annotation.Root({
  question: Annotation<string>,
  answer: Annotation<string>,
});

function buildGraph(checkpointer: BaseCheckpointSaver) {
  return new StateGraph(State)
    .addNode('ask', (state) => ({ answer: interrupt<string, string>(state.question) }))
    .addEdge(START, 'ask')
    .addEdge('ask', END)
    .compile({ checkpointer });
}

describe.each([sqliteBackend(), postgresBackend()])('locks and checkpoints ($name)', (backend) => {
  afterAll(() => backend.cleanup());

  it('withLock serializes one thread id and lets different ids overlap', async () => {
    const { store, close } = await backend.open();
    try {
      const same = await race([store.locks, 'thread-1'], [store.locks, 'thread-1']);
      expect(same).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
      const different = await race([store.locks, 'thread-1'], [store.locks, 'thread-2']);
      expect(different.slice(0, 2).sort()).toEqual(['a:start', 'b:start']);
      await expect(
        store.locks.withLock('thread-1', async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.locks.withLock('thread-1', async () => 'free again')).toBe('free again');
    } finally {
      await close();
    }
  });

  it('resumes an interrupted graph from a new store on the same database', async () => {
    const config = { configurable: { thread_id: `thread-${backend.name}` } };
    const first = await backend.open();
    try {
      const result = await buildGraph(first.checkpointer).invoke(
        { question: 'approve?' },
        { ...config, durability: 'sync' },
      );
      expect(isInterrupted(result)).toBe(true);
      if (isInterrupted<string>(result)) expect(result[INTERRUPT][0]?.value).toBe('approve?');
    } finally {
      await first.close();
    }
    const second = await backend.open();
    try {
      const graph = buildGraph(second.checkpointer);
      expect((await graph.getState(config)).next).toEqual(['ask']);
      const done = await graph.invoke(new Command({ resume: 'yes' }), config);
      expect(done).toEqual({ question: 'approve?', answer: 'yes' });
      expect((await graph.getState(config)).next).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('PostgreSQL across store instances', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    for (const schema of schemas) await dropPgSchema(schema);
  });

  it('the advisory lock excludes a second store on the same schema', async () => {
    const backend = postgresBackend();
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    try {
      const log = await race([a.store.locks, 'shared'], [b.store.locks, 'shared'], 200);
      expect(serialized(log)).toBe(true);
      const other = await race([a.store.locks, 'shared'], [b.store.locks, 'not-shared'], 200);
      expect(other.slice(0, 2).sort()).toEqual(['a:start', 'b:start']);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await backend.cleanup();
    }
  });

  it('three stores opening a fresh schema at once all succeed', async () => {
    const schema = randomPgSchema();
    schemas.push(schema);
    const config = { kind: 'postgres', url: TEST_DATABASE_URL } as const;
    const opened = await Promise.all([1, 2, 3].map(() => openStore(config, { pgSchema: schema })));
    try {
      const [first, second] = opened;
      await first?.store.referrals.createReferral({ id: 'r', practiceId: 'p', threadId: 't' });
      expect((await second?.store.referrals.getReferral('p', 'r'))?.threadId).toBe('t');
      expect(await first?.checkpointer.getTuple({ configurable: { thread_id: 'none' } })).toBe(
        undefined,
      );
    } finally {
      await Promise.all(opened.map((o) => o.close()));
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(
      openStore({ kind: 'postgres', url: TEST_DATABASE_URL }, { pgSchema: 'x"; DROP' }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('close() may be called twice', async () => {
    const backend = postgresBackend();
    const { close } = await backend.open();
    await close();
    await expect(close()).resolves.toBeUndefined();
    await backend.cleanup();
  });
});

describe('SQLite files', () => {
  it('creates missing parent directories and supports :memory:', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-dir-'));
    try {
      const nested = await openStore({ kind: 'sqlite', path: join(dir, 'a', 'b', 'db.sqlite') });
      await nested.close();
      const memory = await openStore({ kind: 'sqlite', path: ':memory:' });
      const { created } = await memory.store.referrals.createReferral({
        id: 'r',
        practiceId: 'p',
        threadId: 't',
      });
      expect(created).toBe(true);
      expect(memory.kind).toBe('sqlite');
      await memory.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
