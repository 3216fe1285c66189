/**
 * The coordinator's queue page (`GET /workspace`) rendered server-side, in-process through
 * `app.request`, over 10,000 referrals of the practice (and 5,000 of another practice, noise), on
 * SQLite (file) and PostgreSQL: the default queue (pending review), the queue filtered by specialty
 * and urgency, the exceptions and the follow-ups, each against the JSON API
 * (`GET /api/referrals?status=pending_review&limit=200`) over the same data. A request is timed
 * until its whole body is read; the targets take turns, one request each per round. Then the
 * default view's parts alone (its four store reads, and rendering the page), and the plans of the
 * queue query and of the filter choices. Target: p95 ≤ 100 ms a page.
 * Usage: npx tsx bench/queue-page.ts [--referrals 10000] [--noise 5000] [--tasks 400] [--n 200]
 *   [--warmup 20] [--backends sqlite,postgres] [--pg-url postgres://127.0.0.1:5432/test]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { buildGraph, createReferralRunner } from '../graph/index.js';
import { consultNoteReader } from '../src/adapters/hl7/index.js';
import { type OpenStore, openStore } from '../src/adapters/store/index.js';
import { withDefaultUser } from '../src/adapters/store/postgres-url.js';
import type { StoreDatabase } from '../src/adapters/store/schema.js';
import { loadConfig } from '../src/config.js';
import { AppError, DEFAULT_TIMER_POLICIES } from '../src/domain/index.js';
import { createApp } from '../src/http/index.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import { createMemoryOutcomes } from '../test/fakes/memory-outcomes.js';
import { eyeSpecialistsIndex } from '../test/fixtures/eye-specialists.js';
import { hl7IntakeFor } from '../test/support/hl7-intake.js';
import { dropPgSchema } from '../test/support/postgres.js';
import {
  type Dataset,
  type Expected,
  expectations,
  FILTER,
  generate,
  idsInHtml,
  idsInJson,
  load,
  NOISE_PRACTICE,
  NOW,
  PAGE_LIMIT,
  PRACTICE,
} from './queue-dataset.js';
import { type BackendName, plans, timeParts } from './queue-parts.js';
import { markdownTable, type Summary, summarize } from './stats.js';

const { values: args } = parseArgs({
  options: {
    referrals: { type: 'string', default: '10000' },
    noise: { type: 'string', default: '5000' },
    tasks: { type: 'string', default: '400' },
    n: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    seed: { type: 'string', default: '42' },
    backends: { type: 'string', default: 'sqlite,postgres' },
    'pg-url': { type: 'string', default: 'postgres://127.0.0.1:5432/test' },
  },
});
const REFERRALS = Number(args.referrals);
const NOISE = Number(args.noise);
const OPEN_TASKS = Number(args.tasks);
const N = Number(args.n);
const WARMUP = Number(args.warmup);
const SEED = Number(args.seed);
const BACKENDS = args.backends.split(',') as BackendName[];
const PG_URL = args['pg-url'];
const TARGET_MS = 100;
const TOKEN = 'bench-coordinator-token-0001';
const ORIGIN = 'http://localhost';

interface Backend {
  opened: OpenStore;
  /** A second connection to the same tables: the load, and the plans. */
  raw: Kysely<StoreDatabase>;
  cleanup(): Promise<void>;
}

async function openBackend(name: BackendName): Promise<Backend | null> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-queue-'));
    const path = join(dir, 'bench.sqlite');
    const opened = await openStore({ kind: 'sqlite', path });
    const database = new Database(path);
    database.pragma('busy_timeout = 5000');
    const raw = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
    return {
      opened,
      raw,
      cleanup: async () => {
        await raw.destroy();
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_bench_${randomBytes(6).toString('hex')}`;
  try {
    const opened = await openStore({ kind: 'postgres', url: PG_URL }, { pgSchema: schema });
    const pool = new pg.Pool({
      connectionString: withDefaultUser(PG_URL),
      max: 1,
      options: `-c search_path=${schema}`,
    });
    const raw = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
    return {
      opened,
      raw,
      cleanup: async () => {
        await raw.destroy();
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

/** The real app over `opened`, with the real graph and runner (the queue page reads only the store). */
function appOver(opened: OpenStore) {
  const { store, checkpointer } = opened;
  const clock = { now: () => new Date(NOW) };
  const config = loadConfig({});
  const graph = buildGraph({
    tools: {
      ehr: createFakeEhr({ referrals: [], patients: [], coverages: {} }).client,
      payer: createFakePayer([]).client,
      directory: eyeSpecialistsIndex(),
      plans: store.directory,
      profiles: store.directory,
      outcomes: createMemoryOutcomes(),
    },
    store,
    checkpointer,
    clock,
    rollout: { modes: {}, defaultMode: 'assist' },
    matching: config.matching,
    timers: DEFAULT_TIMER_POLICIES,
    ccda: consultNoteReader,
  });
  const runner = createReferralRunner({ graph, store });
  const refuse = () => {
    throw new AppError('UNAUTHORIZED', 'Not used by this benchmark');
  };
  const errors: AppError[] = [];
  const app = createApp({
    store,
    runner,
    clock,
    grants: [{ token: TOKEN, practiceId: PRACTICE, role: 'coordinator', name: 'cora' }],
    verifyWebhook: refuse,
    maxWebhookBytes: 64 * 1024,
    maxApiBytes: 256 * 1024,
    ccda: consultNoteReader,
    onWebhookAccepted: () => {},
    health: async () => ({}),
    match: async () => refuse(),
    hl7: hl7IntakeFor({ store, clock }).http,
    logError: (e) => errors.push(e),
  });
  return { app, errors };
}

type App = ReturnType<typeof appOver>['app'];

/** Signs the coordinator in through the sign-in form; the session cookie to send. */
async function signIn(app: App): Promise<string> {
  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .find((pair) => pair.startsWith(`${name}=`)) ?? '';
  const form = await app.request('/sign-in');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await app.request('/sign-in', {
    method: 'POST',
    headers: {
      cookie: cookieOf(form, 'referrals_sign_in'),
      origin: ORIGIN,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ csrf, token: TOKEN, next: '/workspace' }).toString(),
  });
  const session = cookieOf(signedIn, 'referrals_session');
  if (signedIn.status !== 303 || session === '') {
    throw new Error(`sign-in failed: ${signedIn.status}`);
  }
  return session;
}

interface Target {
  view: string;
  path: string;
  headers: Record<string, string>;
  expected: Expected;
  ids: (body: string) => string[];
}

type Row = Summary & { view: string; rows: number; bytes: number; bad: number };

/**
 * `WARMUP` then `N` rounds, each round one request to every target in turn (so a busy moment of
 * the machine falls on all of them alike), one request at a time, each timed until its body is read.
 */
async function timeRounds(app: App, targets: Target[]): Promise<Row[]> {
  const once = async (target: Target) => {
    const t0 = performance.now();
    const res = await app.request(target.path, { headers: target.headers });
    const body = await res.text();
    return { ms: performance.now() - t0, status: res.status, body };
  };
  for (let i = 0; i < WARMUP; i++) for (const target of targets) await once(target);
  const runs = targets.map(() => ({ latencies: [] as number[], wallMs: 0, bad: 0, last: '' }));
  for (let i = 0; i < N; i++) {
    for (const [t, target] of targets.entries()) {
      const run = runs[t] as (typeof runs)[number];
      const { ms, status, body } = await once(target);
      run.latencies.push(ms);
      run.wallMs += ms;
      if (status !== 200) run.bad++;
      run.last = body;
    }
  }
  return targets.map((target, t) => {
    const run = runs[t] as (typeof runs)[number];
    const shown = target.ids(run.last);
    const right =
      shown.length === target.expected.rows &&
      shown.every((id, i) => id === target.expected.ids[i]);
    if (!right) {
      console.error(
        `  ${target.view}: showed ${shown.length} rows (${shown.slice(0, 3).join(', ')}…), ` +
          `expected ${target.expected.rows} (${target.expected.ids.slice(0, 3).join(', ')}…)`,
      );
      run.bad++;
    }
    return {
      view: target.view,
      ...summarize(run.latencies, run.wallMs),
      rows: shown.length,
      bytes: Buffer.byteLength(run.last),
      bad: run.bad,
    };
  });
}

async function measure(backend: BackendName, data: Dataset) {
  const opened = await openBackend(backend);
  if (!opened) return null;
  try {
    const t0 = performance.now();
    await load(opened.raw, data);
    if (backend === 'postgres') {
      // What autovacuum would do shortly after a load this size.
      for (const table of ['referrals', 'referral_facts', 'coordinator_tasks']) {
        await sql`ANALYZE ${sql.table(table)}`.execute(opened.raw);
      }
    }
    console.log(
      `  ${backend}: loaded ${data.referrals.length} referrals, ${data.facts.length} facts and ` +
        `${data.tasks.length} tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const { app, errors } = appOver(opened.opened);
    const session = { cookie: await signIn(app) };
    const expected = expectations(data);
    const html = (attribute: 'data-referral' | 'data-task') => (body: string) =>
      idsInHtml(body, attribute);
    const targets: Target[] = [
      {
        view: 'queue: pending review (default)',
        path: '/workspace',
        headers: session,
        expected: expected.review,
        ids: html('data-referral'),
      },
      {
        view: `queue: review, ${FILTER.specialty} + ${FILTER.urgency}`,
        path: `/workspace?view=review&specialty=${FILTER.specialty}&urgency=${FILTER.urgency}`,
        headers: session,
        expected: expected.filtered,
        ids: html('data-referral'),
      },
      {
        view: 'queue: exceptions',
        path: '/workspace?view=exception',
        headers: session,
        expected: expected.exception,
        ids: html('data-referral'),
      },
      {
        view: 'queue: follow-ups',
        path: '/workspace?view=follow_up',
        headers: session,
        expected: expected.followUp,
        ids: html('data-task'),
      },
      {
        view: 'API: GET /api/referrals pending_review 200',
        path: `/api/referrals?status=pending_review&limit=${PAGE_LIMIT}`,
        headers: { authorization: `Bearer ${TOKEN}` },
        expected: expected.api,
        ids: idsInJson,
      },
    ];
    const rows = await timeRounds(app, targets);
    const reads = await timeParts(opened.opened, { n: N, warmup: WARMUP });
    const plan = await plans(opened.raw, backend);
    if (errors.length > 0) console.error(`  ${backend}: the app logged ${errors[0]?.message}`);
    return { rows, reads, plan, bad: rows.reduce((n, r) => n + r.bad, 0) + errors.length };
  } finally {
    await opened.cleanup();
  }
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);

function printTables(
  backend: BackendName,
  result: NonNullable<Awaited<ReturnType<typeof measure>>>,
) {
  const api = result.rows.find((r) => r.view.startsWith('API'));
  const header = [
    'view',
    'rows',
    'size KiB',
    'p50 ms',
    'p95 ms',
    'max ms',
    'p95 / API',
    '≤ 100 ms',
  ];
  const table = result.rows.map((r) => [
    r.view,
    String(r.rows),
    fmt(r.bytes / 1024, 1),
    fmt(r.p50Ms),
    fmt(r.p95Ms),
    fmt(r.maxMs),
    api ? `×${fmt(r.p95Ms / api.p95Ms, 1)}` : '–',
    r.p95Ms <= TARGET_MS ? 'yes' : '**no**',
  ]);
  console.log(`\n### ${backend}: requests (n=${N} each after ${WARMUP} warm-ups)\n`);
  console.log(markdownTable(header, table));
  console.log(`\n### ${backend}: the default view's parts alone (n=${N})\n`);
  console.log(
    markdownTable(
      ['part', 'p50 ms', 'p95 ms', 'max ms'],
      result.reads.map((r) => [r.read, fmt(r.p50Ms), fmt(r.p95Ms), fmt(r.maxMs)]),
    ),
  );
  for (const { name, lines } of result.plan) {
    console.log(`\n${backend}: plan of ${name}:`);
    for (const line of lines) console.log(`    ${line}`);
  }
}

async function main() {
  const t0 = performance.now();
  const data = generate({ referrals: REFERRALS, noise: NOISE, openTasks: OPEN_TASKS, seed: SEED });
  const counts = (practice: string) => {
    const mine = data.referrals.filter((r) => r.practice_id === practice);
    const gate = (kind: string) => mine.filter((r) => r.pending_interrupt_kind === kind).length;
    const open = data.tasks.filter((t) => t.practice_id === practice && t.status === 'open');
    return `${mine.length} referrals (${gate('review')} pending review, ${gate('exception')} exceptions), ${open.length} open tasks`;
  };
  console.log(
    `queue page: ${counts(PRACTICE)}; noise: ${counts(NOISE_PRACTICE)}; generated in ` +
      `${fmt(performance.now() - t0, 0)} ms; ${cpus().length} CPUs, node ${process.version}; ` +
      `target p95 ≤ ${TARGET_MS} ms`,
  );
  let bad = 0;
  for (const backend of BACKENDS) {
    const result = await measure(backend, data);
    if (!result) continue;
    printTables(backend, result);
    bad += result.bad;
  }
  if (bad > 0) {
    console.error(`FAILED: ${bad} requests answered other than 200 or showed the wrong rows`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
