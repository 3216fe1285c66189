/**
 * The practice manager's analytics over a year of referrals (100,000 for the practice measured,
 * 10,000 for another), on SQLite (file) and PostgreSQL: each view read `passes` times through
 * `readAnalytics`, unfiltered and filtered by specialty and a quarter.
 * Usage: npx tsx bench/analytics-queries.ts [--referrals 100000] [--other 10000] [--passes 30]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type OpenStore, openStore } from '../src/adapters/store/index.js';
import {
  ANALYTICS_VIEWS,
  type AnalyticsFilter,
  type AnalyticsView,
  creationWindow,
} from '../src/domain/index.js';
import { readAnalytics } from '../src/http/analytics-views.js';
import { dropPgSchema } from '../test/support/postgres.js';
import { generateReferrals } from './analytics-dataset.js';
import { markdownTable, type Summary, summarize } from './stats.js';

type BackendName = 'sqlite' | 'postgres';
type Row = Summary & { backend: BackendName; view: AnalyticsView; filter: string; bad: number };

const { values: args } = parseArgs({
  options: {
    referrals: { type: 'string', default: '100000' },
    other: { type: 'string', default: '10000' },
    passes: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const REFERRALS = Number(args.referrals);
const OTHER_REFERRALS = Number(args.other);
const PASSES = Number(args.passes);
const WARMUP = Number(args.warmup);
const BACKENDS = args.backends.split(',') as BackendName[];
const PG_URL = args['pg-url'];
const TARGET_MS = 200;
const BATCH = 1000;

const PRACTICE = 'practice-bench';
const OTHER_PRACTICE = 'practice-other';
const FILTERS: Record<string, AnalyticsFilter> = {
  none: {},
  'retina, Q2': { specialty: 'retina', from: '2025-04-01', to: '2025-06-30' },
};

/**
 * Both practices' rows in the order the service writes them (at creation, at sending), and how
 * many referrals of the practice each filter keeps. Generated per backend and dropped before the
 * timed reads, so the service's process is not measured holding the whole data set.
 */
function dataset() {
  const practice = generateReferrals(PRACTICE, REFERRALS, 7);
  const other = generateReferrals(OTHER_PRACTICE, OTHER_REFERRALS, 11);
  const kept = (filter: AnalyticsFilter) => {
    const { fromMs = -Infinity, untilMs = Infinity } = creationWindow(filter);
    return practice.facts.filter(
      (f) =>
        f.created_ms >= fromMs &&
        f.created_ms < untilMs &&
        (!filter.specialty || f.specialty === filter.specialty),
    ).length;
  };
  return {
    facts: [...practice.facts, ...other.facts].sort((a, b) => a.created_ms - b.created_ms),
    outcomes: [...practice.outcomes, ...other.outcomes].sort((a, b) =>
      a.sent_at.localeCompare(b.sent_at),
    ),
    expected: Object.fromEntries(
      Object.entries(FILTERS).map(([name, filter]) => [name, kept(filter)]),
    ),
  };
}

/** Inserts rows of one shape in one transaction, on a connection of its own. */
interface Loader {
  insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void>;
  close(): Promise<void>;
}

function sqliteLoader(path: string): Loader {
  const db = new Database(path);
  return {
    async insert(table, rows) {
      const columns = Object.keys(rows[0] ?? {});
      const placeholders = columns.map(() => '?').join(', ');
      const statement = db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`,
      );
      db.transaction(() => {
        for (const row of rows) statement.run(columns.map((c) => row[c]));
      })();
    },
    close: async () => {
      db.close();
    },
  };
}

async function pgLoader(schema: string): Promise<Loader> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    async insert(table, rows) {
      const columns = Object.keys(rows[0] ?? {});
      await client.query('BEGIN');
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        const values = batch.map(
          (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`,
        );
        await client.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
          batch.flatMap((row) => columns.map((c) => row[c])),
        );
      }
      await client.query('COMMIT');
      // What autovacuum would do shortly after a load this size.
      await client.query(`ANALYZE ${table}`);
    },
    close: () => client.end(),
  };
}

interface Opened {
  opened: OpenStore;
  loader: Loader;
  cleanup(): Promise<void>;
}

async function openBackend(name: BackendName): Promise<Opened | null> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-analytics-'));
    const path = join(dir, 'bench.sqlite');
    const opened = await openStore({ kind: 'sqlite', path });
    const loader = sqliteLoader(path);
    return {
      opened,
      loader,
      cleanup: async () => {
        await loader.close();
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_bench_${randomBytes(6).toString('hex')}`;
  try {
    const opened = await openStore({ kind: 'postgres', url: PG_URL }, { pgSchema: schema });
    const loader = await pgLoader(schema);
    return {
      opened,
      loader,
      cleanup: async () => {
        await loader.close();
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

/** `PASSES` timed reads of one view, after `WARMUP` untimed ones. */
async function measureView(opened: OpenStore, view: AnalyticsView, filter: AnalyticsFilter) {
  const read = () => readAnalytics(opened.store.analytics, PRACTICE, view, filter);
  for (let i = 0; i < WARMUP; i++) await read();
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < PASSES; i++) {
    const t0 = performance.now();
    await read();
    latencies.push(performance.now() - t0);
  }
  return summarize(latencies, performance.now() - started);
}

/** How many of the volume and funnel views' totals differ from the generated rows' count. */
async function wrongCounts(opened: OpenStore, filter: AnalyticsFilter, expected: number) {
  const { analytics } = opened.store;
  const volume = await readAnalytics(analytics, PRACTICE, 'volume', filter);
  const funnel = await readAnalytics(analytics, PRACTICE, 'funnel', filter);
  return [volume.total, funnel.steps[0]?.count].filter((n) => n !== expected).length;
}

/** Loads a fresh data set and returns what each filter should count. */
async function load(backend: BackendName, loader: Loader): Promise<Record<string, number>> {
  const { facts, outcomes, expected } = dataset();
  const t0 = performance.now();
  await loader.insert('referral_facts', facts);
  await loader.insert('referral_outcomes', outcomes);
  console.log(
    `  ${backend}: loaded ${facts.length} facts and ${outcomes.length} outcomes in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return expected;
}

async function measure(backend: BackendName): Promise<Row[]> {
  const backendOpened = await openBackend(backend);
  if (!backendOpened) return [];
  const { opened, loader, cleanup } = backendOpened;
  try {
    const expected = await load(backend, loader);
    const rows: Row[] = [];
    for (const [name, filter] of Object.entries(FILTERS)) {
      const bad = await wrongCounts(opened, filter, expected[name] ?? Number.NaN);
      for (const view of ANALYTICS_VIEWS) {
        rows.push({
          backend,
          view,
          filter: name,
          bad,
          ...(await measureView(opened, view, filter)),
        });
      }
    }
    return rows;
  } finally {
    await cleanup();
  }
}

const fmt = (x: number) => x.toFixed(1);
/** Other work on the machine shows in every figure: the 1, 5 and 15 minute load averages. */
const loadAvg = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

async function main() {
  console.log(
    `analytics views: ${REFERRALS} referrals (+${OTHER_REFERRALS} of another practice) ` +
      `over 12 months, ${WARMUP} warm-up + ${PASSES} passes per view and filter, ` +
      `${cpus().length} CPUs, node ${process.version}; target p95 ≤ ${TARGET_MS} ms`,
  );
  console.log(`load average at the start: ${loadAvg()}`);
  const rows: Row[] = [];
  for (const backend of BACKENDS) rows.push(...(await measure(backend)));
  const header = ['backend', 'view', 'filter', 'p50 ms', 'p95 ms', 'max ms', `p95 ≤ ${TARGET_MS}`];
  const table = rows.map((r) => [
    r.backend,
    r.view,
    r.filter,
    fmt(r.p50Ms),
    fmt(r.p95Ms),
    fmt(r.maxMs),
    r.p95Ms <= TARGET_MS ? 'yes' : 'NO',
  ]);
  console.log(`\n${markdownTable(header, table)}`);
  console.log(`\nload average at the end: ${loadAvg()}`);
  const wrong = rows.filter((r) => r.bad > 0);
  if (wrong.length > 0) {
    const where = [...new Set(wrong.map((r) => `${r.backend}/${r.filter}`))].join(', ');
    console.error(`FAILED: ${where} counted the wrong referrals`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
