/**
 * The timer scan over 100,000 waiting referrals, on SQLite (file) and PostgreSQL: a pass with
 * nothing due (`fireDue` returning 0), a pass firing 500 timers (each an inbox row and an audit
 * row), and beside them the scan's SELECT alone, with and without the due-time index.
 * Usage: npx tsx bench/timer-scan.ts [--timers 100000] [--passes 50] [--fire-passes 10]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type OpenStore, openStore } from '../src/adapters/store/index.js';
import { type ReferralTimer, TimerKind } from '../src/domain/index.js';
import { PRACTICE_ID } from '../test/fixtures/world.js';
import { DAY } from '../test/support/manual-clock.js';
import { dropPgSchema } from '../test/support/postgres.js';
import { seeded } from './seeded.js';
import { markdownTable, type Summary, summarize } from './stats.js';

type BackendName = 'sqlite' | 'postgres';
type Row = Summary & { backend: BackendName; run: string; rows: number; bad: number };

const { values: args } = parseArgs({
  options: {
    timers: { type: 'string', default: '100000' },
    passes: { type: 'string', default: '50' },
    'fire-passes': { type: 'string', default: '10' },
    limit: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '8' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const TIMERS = Number(args.timers);
const PASSES = Number(args.passes);
const FIRE_PASSES = Number(args['fire-passes']);
const LIMIT = Number(args.limit);
const CONCURRENCY = Number(args.concurrency);
const BACKENDS = args.backends.split(',') as BackendName[];
const PG_URL = args['pg-url'];
const TARGET_MS = 50;
/** The timers fall due between a minute and 90 days after START; a scan at START finds none. */
const START = Date.parse('2026-01-02T15:00:00.000Z');
const SPREAD_MS = 90 * DAY;
const NOTHING_DUE = new Date(START);
const ALL_DUE = new Date(START + SPREAD_MS + DAY);

const SCAN =
  'SELECT practice_id, referral_id, wait_key, kind, due_at FROM referral_timers%s ' +
  'WHERE due_at <= %p ORDER BY due_at ASC LIMIT %l';

function timers(): ReferralTimer[] {
  const random = seeded(42);
  return Array.from({ length: TIMERS }, (_, i) => ({
    practiceId: PRACTICE_ID,
    referralId: `ref-${String(i + 1).padStart(6, '0')}`,
    waitKey: `await-response|r0|${i + 1}`,
    kind: TimerKind.options[i % TimerKind.options.length] ?? 'expiry',
    dueAt: new Date(START + 60_000 + Math.floor(random() * SPREAD_MS)).toISOString(),
  }));
}

/** The scan alone over a second connection: `indexed` false keeps the planner off the index. */
interface RawScan {
  select(now: Date, indexed: boolean): Promise<number>;
  plan(): Promise<string>;
  close(): Promise<void>;
}

function sqliteScan(path: string): RawScan {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const sql = (hint: string) => SCAN.replace('%s', hint).replace('%p', '?').replace('%l', '?');
  const withIndex = db.prepare(sql(''));
  const withoutIndex = db.prepare(sql(' NOT INDEXED'));
  return {
    select: async (now, indexed) =>
      (indexed ? withIndex : withoutIndex).all(now.toISOString(), LIMIT).length,
    plan: async () =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql('')}`)
        .all(NOTHING_DUE.toISOString(), LIMIT)
        .map((r) => String((r as { detail: string }).detail))
        .join('; '),
    close: async () => {
      db.close();
    },
  };
}

async function pgScan(schema: string): Promise<RawScan> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const sql = SCAN.replace('%s', '').replace('%p', '$1').replace('%l', '$2');
  const planners = ['enable_indexscan', 'enable_bitmapscan', 'enable_indexonlyscan'];
  let current = true;
  const useIndex = async (on: boolean) => {
    if (on === current) return;
    for (const p of planners) await client.query(`SET ${p} = ${on ? 'on' : 'off'}`);
    current = on;
  };
  return {
    async select(now, indexed) {
      await useIndex(indexed);
      return (await client.query(sql, [now.toISOString(), LIMIT])).rowCount ?? 0;
    },
    async plan() {
      await useIndex(true);
      const { rows } = await client.query(`EXPLAIN ${sql}`, [NOTHING_DUE.toISOString(), LIMIT]);
      return rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'].trim()).join('; ');
    },
    close: () => client.end(),
  };
}

interface Opened {
  opened: OpenStore;
  scan: () => Promise<RawScan>;
  cleanup(): Promise<void>;
}

async function openBackend(name: BackendName): Promise<Opened | null> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-timers-'));
    const path = join(dir, 'bench.sqlite');
    const opened = await openStore({ kind: 'sqlite', path });
    return {
      opened,
      scan: async () => sqliteScan(path),
      cleanup: async () => {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_bench_${randomBytes(6).toString('hex')}`;
  try {
    const opened = await openStore({ kind: 'postgres', url: PG_URL }, { pgSchema: schema });
    return {
      opened,
      scan: () => pgScan(schema),
      cleanup: async () => {
        await opened.close();
        await dropPgSchema(schema, PG_URL);
      },
    };
  } catch (error) {
    await dropPgSchema(schema, PG_URL).catch(() => undefined);
    console.log(`  postgres: skipped, cannot connect to ${PG_URL} (${String(error)})`);
    return null;
  }
}

/** Every timer through `store.timers.set`, `CONCURRENCY` in flight (SQLite's one connection queues them). */
async function insertTimers(opened: OpenStore, all: ReferralTimer[]) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < all.length; i = next++) {
      await opened.store.timers.set(all[i] as ReferralTimer);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** `passes` runs of `pass`, one at a time; `bad` counts passes that saw other than `rows` rows. */
async function repeat(passes: number, rows: number, pass: () => Promise<number>) {
  const latencies: number[] = [];
  let bad = 0;
  const started = performance.now();
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    if ((await pass()) !== rows) bad++;
    latencies.push(performance.now() - t0);
  }
  return { ...summarize(latencies, performance.now() - started), rows, bad };
}

async function measure(backend: BackendName): Promise<Row[]> {
  const backendOpened = await openBackend(backend);
  if (!backendOpened) return [];
  const { opened, scan, cleanup } = backendOpened;
  try {
    const t0 = performance.now();
    await insertTimers(opened, timers());
    const setupS = (performance.now() - t0) / 1000;
    console.log(
      `  ${backend}: setup ${setupS.toFixed(1)} s for ${TIMERS} timers.set ` +
        `(${((setupS * 1e6) / TIMERS).toFixed(0)} µs each, concurrency ${CONCURRENCY})`,
    );
    const { timers: store } = opened.store;
    const raw = await scan();
    const rows: Row[] = [];
    const run = async (name: string, passes: number, due: Date, pass: () => Promise<number>) => {
      const expected = due === NOTHING_DUE ? 0 : LIMIT;
      rows.push({ backend, run: name, ...(await repeat(passes, expected, pass)) });
    };
    try {
      console.log(`  ${backend}: plan ${await raw.plan()}`);
      const idle = async () => (await store.fireDue(NOTHING_DUE, LIMIT)).length;
      await repeat(5, 0, idle);
      await run('fireDue, nothing due', PASSES, NOTHING_DUE, idle);
      const select = (due: Date, indexed: boolean) => () => raw.select(due, indexed);
      await run('SELECT, nothing due (index)', PASSES, NOTHING_DUE, select(NOTHING_DUE, true));
      await run('SELECT, nothing due (no index)', PASSES, NOTHING_DUE, select(NOTHING_DUE, false));
      await run(`SELECT, ${LIMIT} due (index)`, PASSES, ALL_DUE, select(ALL_DUE, true));
      await run(`SELECT, ${LIMIT} due (no index)`, PASSES, ALL_DUE, select(ALL_DUE, false));
    } finally {
      await raw.close();
    }
    await run(
      `fireDue, ${LIMIT} due`,
      FIRE_PASSES,
      ALL_DUE,
      async () => (await store.fireDue(ALL_DUE, LIMIT)).length,
    );
    const inbox = await opened.store.inbox.pending(FIRE_PASSES * LIMIT + 1);
    const left = (await store.fireDue(NOTHING_DUE, LIMIT)).length;
    console.log(`  ${backend}: ${inbox.length} timeout events in the inbox, ${left} due at START`);
    return rows;
  } finally {
    await cleanup();
  }
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);

function printTable(rows: Row[]) {
  const header = [
    'backend',
    'pass',
    'passes',
    'rows',
    'p50 ms',
    'p95 ms',
    'max ms',
    'p95 vs 50 ms',
  ];
  const table = rows.map((r) => [
    r.backend,
    r.run,
    String(r.n),
    String(r.rows),
    fmt(r.p50Ms),
    fmt(r.p95Ms),
    fmt(r.maxMs),
    `×${fmt(r.p95Ms / TARGET_MS, 3)}`,
  ]);
  console.log(`\n${markdownTable(header, table)}`);
}

async function main() {
  console.log(
    `timer scan: ${TIMERS} timers due over 90 days, limit ${LIMIT}, ${PASSES} idle passes, ` +
      `${FIRE_PASSES} firing passes, ${cpus().length} CPUs, node ${process.version}; ` +
      `target ${TARGET_MS} ms a pass`,
  );
  const rows: Row[] = [];
  for (const backend of BACKENDS) rows.push(...(await measure(backend)));
  printTable(rows);
  const fired = rows.filter((r) => r.run.startsWith('fireDue') && r.rows > 0);
  for (const r of fired) {
    console.log(
      `  ${r.backend}: a firing pass costs ${fmt((r.p50Ms * 1000) / r.rows, 0)} µs per fired timer (p50)`,
    );
  }
  const wrong = rows.filter((r) => r.bad > 0);
  if (wrong.length > 0) {
    console.error(
      `FAILED: ${wrong.map((r) => `${r.backend}/${r.run}`).join(', ')} saw the wrong rows`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
