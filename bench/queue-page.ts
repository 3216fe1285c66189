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
import {
  type CompiledQuery,
  type Insertable,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import { buildGraph, createReferralRunner, threadIdFor } from '../graph/index.js';
import { SPECIALTIES, type SpecialtyKey } from '../retrieval/index.js';
import { consultNoteReader } from '../src/adapters/hl7/index.js';
import { type OpenStore, openStore } from '../src/adapters/store/index.js';
import { withDefaultUser } from '../src/adapters/store/postgres-url.js';
import type {
  CoordinatorTasksTable,
  ReferralFactsTable,
  ReferralsTable,
  StoreDatabase,
} from '../src/adapters/store/schema.js';
import { loadConfig } from '../src/config.js';
import {
  AppError,
  DEFAULT_TIMER_POLICIES,
  type ReferralStatus,
  type TaskKind,
  URGENCY_RANK,
  type Urgency,
} from '../src/domain/index.js';
import { createApp } from '../src/http/index.js';
import { QueuePage, type QueuePageData } from '../src/http/workspace/queue-page.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import { createMemoryOutcomes } from '../test/fakes/memory-outcomes.js';
import { eyeSpecialistsIndex } from '../test/fixtures/eye-specialists.js';
import { hl7IntakeFor } from '../test/support/hl7-intake.js';
import { dropPgSchema } from '../test/support/postgres.js';
import { markdownTable, type Summary, summarize } from './stats.js';

type BackendName = 'sqlite' | 'postgres';

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
const BATCH = 500;
/** The page shows at most this many referrals (`routes.tsx`); the API baseline asks for as many. */
const PAGE_LIMIT = 200;

const PRACTICE = 'practice-bench';
const NOISE_PRACTICE = 'practice-noise';
const TOKEN = 'bench-coordinator-token-0001';
const ORIGIN = 'http://localhost';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The clock of the app stands here; every referral was created before it. */
const NOW = Date.parse('2026-03-02T15:00:00.000Z');
/** The task kinds the follow-up view lists (`FOLLOW_UP_KINDS` in src/http/workspace/routes.tsx). */
const FOLLOW_UP_KINDS: readonly string[] = [
  'follow_up',
  'no_show',
  'expired',
  'delivery_failed',
  'unmatched_message',
  'upstream_unavailable',
  'unknown_referral',
];

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

/** Where a referral stands, and the gate or wait that goes with it (`pending_interrupt_kind`). */
const STATES: Weighted<[ReferralStatus, string | null]> = [
  [['pending_review', 'review'], 15],
  [['exception', 'exception'], 3],
  [['approved', 'await-delivery'], 2],
  [['sent', 'await-response'], 10],
  [['acknowledged', 'await-response'], 5],
  [['scheduled', 'await-visit'], 12],
  [['seen', 'await-consult'], 8],
  [['consult_received', null], 3],
  [['closed', null], 30],
  [['rejected', null], 3],
  [['declined', null], 3],
  [['cancelled', null], 3],
  [['expired', null], 3],
];
const QUEUE_SPECIALTIES: Weighted<SpecialtyKey> = [
  ['retina', 30],
  ['glaucoma', 25],
  ['cornea', 15],
  ['oculoplastics', 12],
  ['neuro-ophthalmology', 10],
  ['uveitis', 8],
];
const URGENCIES: Weighted<Urgency> = [
  ['routine', 70],
  ['urgent', 22],
  ['emergent', 8],
];
const PAYERS: Weighted<[string, string]> = [
  [['bluewave', 'BlueWave PPO'], 30],
  [['medicare', 'Medicare'], 25],
  [['acme', 'Acme Health'], 20],
  [['medicaid', 'Medicaid'], 15],
  [['northstar', 'Northstar HMO'], 10],
];
const TASK_KINDS: Weighted<TaskKind> = [
  ['follow_up', 40],
  ['gap_in_care', 25],
  ['exception', 12],
  ['no_show', 8],
  ['delivery_failed', 7],
  ['expired', 5],
  ['unmatched_message', 3],
];
/** The milestone each later status has reached (`referral_facts`). */
const REACHED: Partial<Record<ReferralStatus, number>> = {
  approved: 1,
  sent: 2,
  acknowledged: 2,
  scheduled: 3,
  seen: 4,
  consult_received: 5,
  closed: 6,
  declined: 2,
  expired: 2,
};
/** The filtered view of the benchmark: one specialty and one urgency. */
const FILTER = { specialty: 'retina', urgency: 'urgent' } as const;

/** mulberry32: the same referrals on every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function picker(random: () => number) {
  return <T>(choices: Weighted<T>): T => {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = random() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  };
}

interface Dataset {
  referrals: Insertable<ReferralsTable>[];
  facts: Insertable<ReferralFactsTable>[];
  tasks: Insertable<CoordinatorTasksTable>[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `count` referrals of `practiceId` with their facts, and `openTasks` open tasks (3× as many done). */
function generatePractice(
  practiceId: string,
  count: number,
  openTasks: number,
  random: () => number,
  into: Dataset,
) {
  const pick = picker(random);
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `ref-${String(i).padStart(6, '0')}`;
    ids.push(id);
    const [status, kind] = pick(STATES);
    const atGate = kind === 'review' || kind === 'exception';
    // Waiting referrals are recent; the rest are spread over the last year.
    const createdMs = NOW - Math.floor(random() * (atGate ? 21 : 365) * DAY) - HOUR;
    const updatedMs = Math.min(
      NOW,
      createdMs + Math.floor(random() * (atGate ? 2 * HOUR : 30 * DAY)) + 60_000,
    );
    const specialty = pick(QUEUE_SPECIALTIES);
    // Some exceptions stop before a specialty was planned ("Not yet planned" in the queue).
    const planned = status !== 'exception' || random() >= 0.3;
    const [payerId, payerName] = pick(PAYERS);
    into.referrals.push({
      id,
      practice_id: practiceId,
      thread_id: threadIdFor({ practiceId, referralId: id }),
      status,
      mode: 'assist',
      referral_type: planned ? specialty : 'unmapped',
      pending_interrupt_id: kind ? `intr-${practiceId}-${i}` : null,
      pending_interrupt_kind: kind,
      created_at: iso(createdMs),
      updated_at: iso(updatedMs),
    });
    const reached = REACHED[status] ?? 0;
    const milestone = (step: number) =>
      reached >= step ? Math.min(NOW, createdMs + step * 3 * DAY) : null;
    into.facts.push({
      practice_id: practiceId,
      referral_id: id,
      created_ms: createdMs,
      specialty: planned ? specialty : null,
      specialty_label: planned ? SPECIALTIES[specialty].label : null,
      urgency: pick(URGENCIES),
      payer_id: payerId,
      payer_name: payerName,
      specialist_npi: null,
      in_network: reached >= 2 ? 1 : null,
      exception_reason: status === 'exception' ? 'no_valid_candidate' : null,
      reviewed_ms: milestone(1),
      sent_ms: milestone(2),
      scheduled_ms: milestone(3),
      seen_ms: milestone(4),
      consult_ms: milestone(5),
      closed_ms: milestone(6),
    });
  }
  for (let t = 1; t <= openTasks * 4; t++) {
    const kind = pick(TASK_KINDS);
    const referralId =
      kind === 'unmatched_message' ? null : (ids[Math.floor(random() * ids.length)] ?? null);
    const open = t <= openTasks;
    into.tasks.push({
      id: `task-${practiceId}-${String(t).padStart(6, '0')}`,
      key: `${practiceId}|${kind}|${referralId ?? 'none'}|${t}`,
      practice_id: practiceId,
      referral_id: referralId,
      kind,
      title: `Bench task ${t}: ${kind.replaceAll('_', ' ')}`,
      detail: 'Call the specialist office and record what they say.',
      status: open ? 'open' : 'done',
      created_at: iso(NOW - Math.floor(random() * (open ? 14 : 120) * DAY)),
    });
  }
}

function generate(): Dataset {
  const random = seeded(SEED);
  const data: Dataset = { referrals: [], facts: [], tasks: [] };
  generatePractice(PRACTICE, REFERRALS, OPEN_TASKS, random, data);
  generatePractice(NOISE_PRACTICE, NOISE, Math.round(OPEN_TASKS / 2), random, data);
  return data;
}

/** Every row in batches of `BATCH`, in one transaction. */
async function load(db: Kysely<StoreDatabase>, data: Dataset) {
  const batches = <T>(rows: T[]) =>
    Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, b) =>
      rows.slice(b * BATCH, (b + 1) * BATCH),
    );
  await db.transaction().execute(async (trx) => {
    for (const rows of batches(data.referrals))
      await trx.insertInto('referrals').values(rows).execute();
    for (const rows of batches(data.facts))
      await trx.insertInto('referral_facts').values(rows).execute();
    for (const rows of batches(data.tasks)) {
      await trx.insertInto('coordinator_tasks').values(rows).execute();
    }
  });
}

/** What each timed request must show: how many rows, and their ids in order. */
interface Expected {
  rows: number;
  ids: string[];
}

function expectations(data: Dataset) {
  const urgencyOf = new Map(
    data.facts.filter((f) => f.practice_id === PRACTICE).map((f) => [f.referral_id, f]),
  );
  const mine = data.referrals.filter((r) => r.practice_id === PRACTICE);
  const rank = (id: string) => {
    const u = urgencyOf.get(id)?.urgency as Urgency | null | undefined;
    return u ? URGENCY_RANK[u] : 3;
  };
  const queue = (gate: string, filter?: typeof FILTER): Expected => {
    const rows = mine
      .filter((r) => r.pending_interrupt_kind === gate)
      .filter((r) => {
        const f = urgencyOf.get(r.id);
        return !filter || (f?.specialty === filter.specialty && f?.urgency === filter.urgency);
      })
      .sort(
        (a, b) =>
          rank(a.id) - rank(b.id) ||
          a.created_at.localeCompare(b.created_at) ||
          a.id.localeCompare(b.id),
      )
      .slice(0, PAGE_LIMIT);
    return { rows: rows.length, ids: rows.map((r) => r.id) };
  };
  const followUps = data.tasks
    .filter((t) => t.practice_id === PRACTICE && t.status === 'open')
    .filter((t) => FOLLOW_UP_KINDS.includes(t.kind))
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.key.localeCompare(a.key));
  const api = mine
    .filter((r) => r.status === 'pending_review')
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id))
    .slice(0, PAGE_LIMIT);
  return {
    review: queue('review'),
    filtered: queue('review', FILTER),
    exception: queue('exception'),
    followUp: { rows: followUps.length, ids: followUps.map((t) => t.id) },
    api: { rows: api.length, ids: api.map((r) => r.id) },
  };
}

/** The ids a response shows, in order. */
function idsInHtml(html: string, attribute: 'data-referral' | 'data-task'): string[] {
  return [...html.matchAll(new RegExp(`${attribute}="([^"]+)"`, 'g'))].map((m) => m[1] ?? '');
}

function idsInJson(body: string): string[] {
  const parsed = JSON.parse(body) as { data: Array<{ id: string }> };
  return parsed.data.map((r) => r.id);
}

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

/**
 * The default view's parts alone, `N` rounds as above: each store read as `GET /workspace` makes
 * it, the four together as it makes them, and rendering the page (`QueuePage`, as `sendPage`
 * turns it into the body) from data read once.
 */
async function timeParts(opened: OpenStore): Promise<Array<Summary & { read: string }>> {
  const { queue, tasks } = opened.store;
  const [items, gates, open, specialties] = await Promise.all([
    queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT }),
    queue.counts(PRACTICE),
    tasks.list(PRACTICE, { status: 'open', limit: 500 }),
    queue.specialties(PRACTICE),
  ]);
  const followUps = open.filter((t) => FOLLOW_UP_KINDS.includes(t.kind));
  const data: QueuePageData = {
    filters: { view: 'review' },
    counts: {
      ...gates,
      follow_up: followUps.length,
      gap_in_care: open.filter((t) => t.kind === 'gap_in_care').length,
    },
    items,
    tasks: followUps,
    specialties,
    now: new Date(NOW),
  };
  const session = {
    sid: randomBytes(16).toString('base64url'),
    practiceId: PRACTICE,
    role: 'coordinator' as const,
    name: 'cora',
    via: 'token' as const,
    exp: NOW + HOUR,
  };
  const page = { session, csrf: randomBytes(32).toString('base64url') };
  const reads: Array<[string, () => Promise<unknown>]> = [
    [
      'queue.list (review, 200)',
      () => queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT }),
    ],
    [
      `queue.list (review, ${FILTER.specialty}, ${FILTER.urgency})`,
      () => queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT, ...FILTER }),
    ],
    ['queue.counts', () => queue.counts(PRACTICE)],
    ['tasks.list (open)', () => tasks.list(PRACTICE, { status: 'open', limit: 500 })],
    ['queue.specialties', () => queue.specialties(PRACTICE)],
    [
      'all four together (default view)',
      () =>
        Promise.all([
          queue.list({ practiceId: PRACTICE, gates: ['review'], limit: PAGE_LIMIT }),
          queue.counts(PRACTICE),
          tasks.list(PRACTICE, { status: 'open', limit: 500 }),
          queue.specialties(PRACTICE),
        ]),
    ],
    [
      `render QueuePage (${items.length} rows)`,
      async () => `<!DOCTYPE html>${await QueuePage({ data, page }).toString()}`,
    ],
  ];
  for (let i = 0; i < WARMUP; i++) for (const [, fn] of reads) await fn();
  const latencies = reads.map(() => [] as number[]);
  for (let i = 0; i < N; i++) {
    for (const [r, [, fn]] of reads.entries()) {
      const t0 = performance.now();
      await fn();
      latencies[r]?.push(performance.now() - t0);
    }
  }
  return reads.map(([read], r) => {
    const ms = latencies[r] ?? [];
    return {
      read,
      ...summarize(
        ms,
        ms.reduce((a, b) => a + b, 0),
      ),
    };
  });
}

/**
 * The plans of the page's two heaviest reads, built here as `queue-repo.ts` builds them (same
 * joins, filters and order): the default queue and the filter choices (`choices`, whose two
 * queries the page waits for). On the benchmark's second connection; PostgreSQL's with ANALYZE.
 */
async function plans(raw: Kysely<StoreDatabase>, backend: BackendName) {
  const urgencyRank = sql<number>`case referral_facts.urgency ${sql.join(
    Object.entries(URGENCY_RANK).map(([u, rank]) => sql`when ${u} then ${rank}`),
    sql` `,
  )} else ${Object.keys(URGENCY_RANK).length} end`;
  const queue = raw
    .selectFrom('referrals')
    .leftJoin('referral_facts', (j) =>
      j
        .onRef('referral_facts.practice_id', '=', 'referrals.practice_id')
        .onRef('referral_facts.referral_id', '=', 'referrals.id'),
    )
    .selectAll('referrals')
    .select([
      'referral_facts.specialty as fact_specialty',
      'referral_facts.specialty_label as fact_specialty_label',
      'referral_facts.urgency as fact_urgency',
    ])
    .where('referrals.practice_id', '=', PRACTICE)
    .where('referrals.pending_interrupt_kind', 'in', ['review'])
    .orderBy(urgencyRank)
    .orderBy('referrals.created_at', 'asc')
    .orderBy('referrals.id', 'asc')
    .limit(PAGE_LIMIT)
    .compile();
  const distinct = (key: 'specialty' | 'payer_id', label: 'specialty_label' | 'payer_name') =>
    raw
      .selectFrom('referral_facts')
      .select([`${key} as key`, (eb) => eb.fn.max(label).as('label')])
      .where('practice_id', '=', PRACTICE)
      .where(key, 'is not', null)
      .groupBy(key)
      .orderBy(key)
      .compile();
  const explain = backend === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN (ANALYZE, BUFFERS) ';
  const plan = async (query: CompiledQuery) => {
    const { rows } = await raw.executeQuery<Record<string, unknown>>({
      ...query,
      sql: `${explain}${query.sql}`,
    });
    return rows.map((r) => String(backend === 'sqlite' ? r.detail : r['QUERY PLAN']));
  };
  return [
    { name: `queue.list (review, limit ${PAGE_LIMIT})`, lines: await plan(queue) },
    {
      name: 'queue.choices: specialties',
      lines: await plan(distinct('specialty', 'specialty_label')),
    },
    { name: 'queue.choices: payers', lines: await plan(distinct('payer_id', 'payer_name')) },
  ];
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
    const reads = await timeParts(opened.opened);
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
  const data = generate();
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
