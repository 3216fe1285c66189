/**
 * Event accepted → review interrupt pending, per referral, on SQLite and PostgreSQL:
 * the real graph path (inbox.record + handleEvent) against the same agents and store writes
 * called directly. Usage: npx tsx bench/event-to-review.ts [--n 200] [--concurrency 8]
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { draftPacket, runEnrichment, runIntake, runMatching } from '../agents/index.js';
import { buildGraph, createReferralRunner, handleEvent, threadIdFor } from '../graph/index.js';
import { consultNoteReader } from '../src/adapters/hl7/index.js';
import { type OpenStore, openStore } from '../src/adapters/store/index.js';
import { loadConfig } from '../src/config.js';
import {
  DEFAULT_TIMER_POLICIES,
  type ReferralEvent,
  type ReferralStatus,
  type Scalar,
  type Store,
} from '../src/domain/index.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import { createMemoryOutcomes } from '../test/fakes/memory-outcomes.js';
import { eyeSpecialistsIndex } from '../test/fixtures/eye-specialists.js';
import { ada, adaCoverage, bluewavePpo, PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { dropPgSchema } from '../test/support/postgres.js';
import type { ToolDeps } from '../tools/index.js';
import { markdownTable, type Summary, summarize } from './stats.js';

type BackendName = 'sqlite' | 'postgres';
type PathName = 'graph' | 'direct';
interface Opened {
  opened: OpenStore;
  cleanup(): Promise<void>;
}

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '20' },
    backends: { type: 'string', default: 'sqlite,postgres' },
  },
});
const N = Number(args.n);
const CONCURRENCY = Number(args.concurrency);
const WARMUP = Number(args.warmup);
const BACKENDS = args.backends.split(',') as BackendName[];
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://127.0.0.1:5432/test';
const MATCHING = loadConfig({}).matching;
const MODE = 'assist' as const;

const ids = (prefix: string, count: number, width: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`);
const measuredIds = ids('ref', N, 5);
const warmupIds = ids('warm', WARMUP, 5);

async function openBackend(name: BackendName): Promise<Opened> {
  if (name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const opened = await openStore({ kind: 'sqlite', path: join(dir, 'bench.sqlite') });
    return {
      opened,
      cleanup: async () => {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_bench_${randomBytes(6).toString('hex')}`;
  const dropSchemas = () => dropPgSchema(schema, PG_URL);
  try {
    const opened = await openStore({ kind: 'postgres', url: PG_URL }, { pgSchema: schema });
    return {
      opened,
      cleanup: async () => {
        await opened.close();
        await dropSchemas();
      },
    };
  } catch (error) {
    await dropSchemas();
    throw error;
  }
}

function createTools(): ToolDeps {
  const ehr = createFakeEhr({
    referrals: [...warmupIds, ...measuredIds].map((id) => referralFor(id)),
    patients: [ada],
    coverages: { [ada.id]: [adaCoverage] },
  });
  return {
    ehr: ehr.client,
    payer: createFakePayer([bluewavePpo]).client,
    directory: eyeSpecialistsIndex(),
    plans: { getPlan: async () => undefined },
    profiles: { getProfile: async () => undefined },
    outcomes: createMemoryOutcomes(),
  };
}

const createdEvent = (referralId: string): ReferralEvent => ({
  type: 'referral.created',
  timestamp: new Date().toISOString(),
  data: { referral_id: referralId, practice_id: PRACTICE_ID },
});

/** Runs `work` over `items` with `concurrency` in flight; per-item latency and wall time (ms). */
async function pool(items: string[], concurrency: number, work: (id: string) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const t0 = performance.now();
      await work(items[i] as string);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { latencies, wallMs: performance.now() - started };
}

/** The same agents and store writes as intake → enrich → match → draft-packet → review, no graph. */
async function directToReview(store: Store, tools: ToolDeps, referralId: string) {
  const scope = { practiceId: PRACTICE_ID, referralId };
  const runtime = { deps: tools, audit: store.audit };
  await store.referrals.createReferral({ ...scope, id: referralId, threadId: threadIdFor(scope) });
  const { referral, specialty } = await runIntake(scope, runtime);
  const referralType = specialty.specialties[0]?.key ?? 'unmapped';
  const move = (to: ReferralStatus, data: Record<string, Scalar> = {}) =>
    store.referrals.applyTransition({
      ...scope,
      to,
      actor: 'system',
      key: `${PRACTICE_ID}|${referralId}|${to}|r0`,
      data: { round: 0, mode: MODE, ...data },
      outbox: [{ kind: 'status_writeback', referralId, status: to }],
      tasks: [],
      meta: { referralType, mode: MODE },
    });
  await move('search_initiated', {
    specialty: referralType,
    confidence: specialty.confidence,
    source: specialty.source,
    evidence: specialty.evidence,
  });
  const enrichment = await runEnrichment(
    referral,
    specialty.specialties.map((s) => s.label),
    { scope, runtime, model: null },
    new Date(),
  );
  const match = await runMatching(
    {
      specialties: specialty.specialties,
      reason: referral.reason,
      urgency: referral.urgency,
      near: enrichment.patient.location,
      language: enrichment.patient.language,
      networkIds: enrichment.network?.networkIds ?? [],
      coverageActive: enrichment.network?.coverageActive ?? false,
      excludedNpis: [],
      ...MATCHING,
    },
    scope,
    runtime,
  );
  const candidate = match.candidates.find((c) => c.candidateId === match.recommendedId);
  if (!candidate) throw new Error(`direct: no valid candidate for ${referralId}`);
  await move('candidates_identified', {
    candidates: match.candidates.length,
    recommended: candidate.candidateId,
  });
  draftPacket({ referral, patient: enrichment.patient, coverage: enrichment.coverage, candidate });
  await move('pending_review');
}

/** One path on one backend, in a fresh store; returns its summary and the number of bad referrals. */
async function measure(backend: BackendName, path: PathName): Promise<Summary & { bad: number }> {
  const { opened, cleanup } = await openBackend(backend);
  try {
    const { store, checkpointer } = opened;
    const tools = createTools();
    const clock = { now: () => new Date() };
    const graph = buildGraph({
      tools,
      store,
      checkpointer,
      clock,
      rollout: { modes: {}, defaultMode: MODE },
      matching: MATCHING,
      timers: DEFAULT_TIMER_POLICIES,
      ccda: consultNoteReader,
    });
    const runner = createReferralRunner({ graph, store });
    const work = async (referralId: string) => {
      const { inbound } = await store.inbox.record({
        webhookId: `msg_${referralId}`,
        practiceId: PRACTICE_ID,
        event: createdEvent(referralId),
      });
      if (path === 'direct') return directToReview(store, tools, referralId);
      const outcome = await handleEvent(inbound, { runner, store, tools, clock });
      if (outcome.detail !== 'started') throw new Error(`graph: ${referralId} ${outcome.detail}`);
    };
    await pool(warmupIds, CONCURRENCY, work);
    const { latencies, wallMs } = await pool(measuredIds, CONCURRENCY, work);

    let bad = 0;
    for (const referralId of measuredIds) {
      const ref = { practiceId: PRACTICE_ID, referralId };
      const record = await store.referrals.getReferral(PRACTICE_ID, referralId);
      let ok = record?.status === 'pending_review';
      if (path === 'graph') {
        const gates = await runner.pending(ref);
        ok &&= record?.pendingInterruptKind === 'review' && gates.some((g) => g.kind === 'review');
      }
      if (!ok) {
        bad++;
        console.error(`  ${backend}/${path}: ${referralId} is ${record?.status ?? 'missing'}`);
      }
    }
    return { ...summarize(latencies, wallMs), bad };
  } finally {
    await cleanup();
  }
}

const fmt = (x: number, digits = 1) => x.toFixed(digits);

async function main() {
  console.log(
    `event → review interrupt: n=${N}, concurrency=${CONCURRENCY}, warm-up=${WARMUP}, ` +
      `${cpus().length} CPUs, node ${process.version}`,
  );
  const rows: Array<{ backend: BackendName; path: PathName } & Summary & { bad: number }> = [];
  for (const backend of BACKENDS) {
    for (const path of ['direct', 'graph'] as const) {
      process.stdout.write(`  running ${backend}/${path}… `);
      const result = await measure(backend, path);
      console.log(`${fmt(result.wallMs / 1000, 2)} s`);
      rows.push({ backend, path, ...result });
    }
  }

  const header = [
    'backend',
    'path',
    'n',
    'ref/s',
    'mean ms',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
  ];
  const table = rows.map((r) => [
    r.backend,
    r.path,
    String(r.n),
    fmt(r.throughputPerSec),
    fmt(r.meanMs),
    fmt(r.p50Ms),
    fmt(r.p95Ms),
    fmt(r.p99Ms),
    fmt(r.maxMs),
  ]);
  console.log(`\n${markdownTable(header, table)}`);

  const ratios = BACKENDS.flatMap((backend) => {
    const g = rows.find((r) => r.backend === backend && r.path === 'graph');
    const d = rows.find((r) => r.backend === backend && r.path === 'direct');
    if (!g || !d) return [];
    return [
      {
        backend,
        throughput: g.throughputPerSec / d.throughputPerSec,
        p50: g.p50Ms / d.p50Ms,
        p95: g.p95Ms / d.p95Ms,
        p99: g.p99Ms / d.p99Ms,
      },
    ];
  });
  console.log('\ngraph / direct');
  for (const r of ratios) {
    console.log(
      `  ${r.backend.padEnd(8)} throughput ×${fmt(r.throughput, 2)}  p50 ×${fmt(r.p50, 2)}  ` +
        `p95 ×${fmt(r.p95, 2)}  p99 ×${fmt(r.p99, 2)}`,
    );
  }

  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const file = join(dir, `event-to-review-${at.replace(/[:.]/g, '-')}.json`);
  const meta = { at, n: N, concurrency: CONCURRENCY, warmup: WARMUP, cpus: cpus().length };
  writeFileSync(
    file,
    `${JSON.stringify({ ...meta, node: process.version, results: rows, ratios }, null, 2)}\n`,
  );
  console.log(`\nraw figures: ${file}`);

  const bad = rows.reduce((acc, r) => acc + r.bad, 0);
  if (bad > 0) {
    console.error(`FAILED: ${bad} referral(s) not pending review`);
    process.exitCode = 1;
  } else {
    console.log('verified: every referral is pending_review (graph: with a pending review gate)');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
