/**
 * HL7 v2 intake: messages read, matched and recorded per second (`receiveHl7` → ACK, the loop
 * event durable in the inbox), and the same with each event applied to its referral's thread
 * (`handleEvent`), on SQLite (file and :memory:) and PostgreSQL; beside them the reader alone.
 * Usage: npx tsx bench/hl7-intake.ts [--n 200] [--backends sqlite-file,sqlite-memory,postgres]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildGraph,
  createReferralRunner,
  type GraphDeps,
  handleEvent,
  receiveHl7,
} from '../graph/index.js';
import { consultNoteReader, createHl7Codec } from '../src/adapters/hl7/index.js';
import { type OpenStore, openStore } from '../src/adapters/store/index.js';
import { loadConfig } from '../src/config.js';
import type { Clock, Patient, Referral } from '../src/domain/index.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import type { createGraphHarness } from '../test/fakes/graph-harness.js';
import { eyeSpecialistsIndex } from '../test/fixtures/eye-specialists.js';
import { ada, adaCoverage, bluewavePpo, PRACTICE_ID, referralFor } from '../test/fixtures/world.js';
import { buildHl7Message, type Hl7MessageSpec } from '../test/support/hl7-messages.js';
import { sentReferral } from '../test/support/loop-driver.js';
import { DAY, manualClock } from '../test/support/manual-clock.js';
import { dropPgSchema } from '../test/support/postgres.js';
import { markdownTable, type Summary, summarize } from './stats.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;
type BackendName = 'sqlite-file' | 'sqlite-memory' | 'postgres';
type RunName = 'parse only' | 'intake placer' | 'intake patient' | 'intake unmatched';
type Row = Summary & { backend: string; run: RunName | 'intake all' | 'intake+apply'; bad: number };

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    backends: { type: 'string', default: 'sqlite-file,sqlite-memory,postgres' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const N = Number(args.n);
const WARMUP = Number(args.warmup);
const BACKENDS = args.backends.split(',') as BackendName[];
const PG_URL = args['pg-url'];
const TARGET_PER_SEC = 500;
/** A Friday afternoon: the referrals are sent then; the office answers ten days later. */
const START = '2026-01-02T15:00:00.000Z';
const VISIT = '2026-01-12T14:00:00Z';

const pad = (i: number) => String(i).padStart(5, '0');
const referralIds = Array.from({ length: N }, (_, i) => `ref-${pad(i + 1)}`);

/** One patient per referral (the first is the fixture's Ada, MRN0001), so a patient names one referral. */
function patientFor(i: number): Patient {
  if (i === 0) return ada;
  const birthDate = new Date(Date.parse(`${ada.birthDate}T00:00:00Z`) + i * DAY);
  return {
    ...ada,
    id: `pat-${pad(i + 1)}`,
    mrn: `MRN${String(i + 1).padStart(4, '0')}`,
    birthDate: birthDate.toISOString().slice(0, 10),
  };
}
const patients = referralIds.map((_, i) => patientFor(i));
const referrals: Referral[] = referralIds.map((id, i) =>
  referralFor(id, { patientId: patients[i]?.id ?? ada.id }),
);

let control = 0;
function message(spec: Partial<Hl7MessageSpec> & Pick<Hl7MessageSpec, 'type'>): string {
  control += 1;
  return buildHl7Message({
    controlId: `B${control}`,
    eventAt: VISIT,
    appointmentAt: VISIT,
    ...spec,
  });
}
const patientSpec = (p: Patient) => ({
  mrn: p.mrn ?? '',
  family: p.familyName,
  given: p.givenName,
  birthDate: p.birthDate,
});
/** A booking quoting our id (SCH-26). */
const booking = (i: number) =>
  message({ type: 'SIU^S12', placerId: referralIds[i] ?? '', ...patientSpec(patients[i] ?? ada) });
/** A visit: ADT carries no placer number, so it is matched by the patient's MRN. */
const visit = (i: number) =>
  message({ type: 'ADT^A04', placerId: null, ...patientSpec(patients[i] ?? ada) });
/** A visit of a patient we never referred: a coordinator task. */
const stranger = (i: number) =>
  message({
    type: 'ADT^A04',
    placerId: null,
    mrn: `MRN-OTHER-${i}`,
    family: 'Nobody',
    given: 'Someone',
    birthDate: '1980-01-01',
  });

async function openBackend(name: BackendName, clock: Clock) {
  if (name === 'postgres') {
    const schema = `t_bench_${randomBytes(6).toString('hex')}`;
    try {
      const opened = await openStore(
        { kind: 'postgres', url: PG_URL },
        { pgSchema: schema, clock },
      );
      return { opened, cleanup: () => dropPgSchema(schema, PG_URL) };
    } catch (error) {
      await dropPgSchema(schema, PG_URL).catch(() => undefined);
      console.log(`  postgres: skipped, cannot connect to ${PG_URL} (${String(error)})`);
      return null;
    }
  }
  const dir = name === 'sqlite-file' ? mkdtempSync(join(tmpdir(), 'bench-hl7-')) : null;
  const path = dir ? join(dir, 'bench.sqlite') : ':memory:';
  const opened = await openStore({ kind: 'sqlite', path }, { clock });
  return {
    opened,
    cleanup: async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The graph-harness composition over `opened`: the real graph, runner, fake EHR and payer. */
function harnessOver(opened: OpenStore, clock: Clock): Harness {
  const config = loadConfig({});
  const ehr = createFakeEhr({
    referrals,
    patients,
    coverages: Object.fromEntries(patients.map((p) => [p.id, [adaCoverage]])),
  });
  const payer = createFakePayer([bluewavePpo]);
  const tools = {
    ehr: ehr.client,
    payer: payer.client,
    directory: eyeSpecialistsIndex(),
    plans: opened.store.directory,
    profiles: opened.store.directory,
    outcomes: opened.store.outcomes,
  };
  const graphDeps: GraphDeps = {
    tools,
    store: opened.store,
    checkpointer: opened.checkpointer,
    clock,
    rollout: { modes: {}, defaultMode: 'assist' },
    matching: config.matching,
    timers: config.loop.timers,
    ccda: consultNoteReader,
    model: null,
  };
  const graph = buildGraph(graphDeps);
  const runner = createReferralRunner({ graph, store: opened.store });
  return {
    ...opened,
    ehr,
    payer,
    tools,
    clock,
    graphDeps,
    graph,
    runner,
    [Symbol.asyncDispose]: () => opened.close(),
  };
}

/** Times `work` over `items` one at a time, as one MLLP connection delivers them. */
async function timed<T>(items: readonly T[], work: (item: T) => Promise<boolean> | boolean) {
  const latencies: number[] = [];
  let bad = 0;
  const started = performance.now();
  for (const item of items) {
    const t0 = performance.now();
    if (!(await work(item))) bad++;
    latencies.push(performance.now() - t0);
  }
  return { latencies, wallMs: performance.now() - started, bad };
}
type Timed = Awaited<ReturnType<typeof timed>>;

const rowOf = (backend: string, run: Row['run'], t: Timed): Row => ({
  backend,
  run,
  ...summarize(t.latencies, t.wallMs),
  bad: t.bad,
});

/** Every pending inbox entry applied, as the inbox worker does; false if one changed nothing. */
async function applyPending(h: Harness): Promise<boolean> {
  let ok = true;
  for (const inbound of await h.store.inbox.pending(10)) {
    const outcome = await handleEvent(inbound, { ...h.graphDeps, runner: h.runner });
    await h.store.inbox.complete(inbound.webhookId, outcome.status, outcome.detail);
    ok &&= outcome.status === 'processed';
  }
  return ok;
}

/** Marks what intake-only left in the inbox as done (not timed), so applying starts clean. */
async function discardPending(h: Harness) {
  for (let rows = await h.store.inbox.pending(100); rows.length > 0; ) {
    for (const r of rows) await h.store.inbox.complete(r.webhookId, 'ignored', 'bench');
    rows = await h.store.inbox.pending(100);
  }
}

async function countNotIn(h: Harness, status: string) {
  let bad = 0;
  for (const id of referralIds) {
    if ((await h.store.referrals.getReferral(PRACTICE_ID, id))?.status !== status) bad++;
  }
  return bad;
}

/**
 * One backend: N referrals brought to `sent` (not timed), then intake only per kind of match,
 * then intake + applying (a booking, then a visit, per referral) until every referral is `seen`.
 */
async function measureBackend(backend: BackendName): Promise<Row[]> {
  const clock = manualClock(START);
  const backendOpened = await openBackend(backend, clock);
  if (!backendOpened) return [];
  const { opened, cleanup } = backendOpened;
  try {
    const h = harnessOver(opened, clock);
    const t0 = performance.now();
    for (const id of referralIds) await sentReferral(h, id);
    const notSent = await countNotIn(h, 'sent');
    const setupS = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`  ${backend}: setup ${setupS} s (${N} referrals sent, ${notSent} not)`);
    const deps = {
      codec: createHl7Codec(clock),
      ccda: consultNoteReader,
      store: h.store,
      clock,
      practiceId: PRACTICE_ID,
      allowedFacilities: [],
    };
    const intake = (disposition: string) => async (raw: string) => {
      const answer = await receiveHl7(raw, deps);
      return answer.kind === 'ack' && answer.disposition === disposition;
    };
    const indexes = referralIds.map((_, i) => i);
    await timed(
      Array.from({ length: WARMUP }, (_, i) => stranger(-1 - i)),
      intake('task'),
    );
    const placer = await timed(indexes.map(booking), intake('applied'));
    const patient = await timed(indexes.map(visit), intake('applied'));
    const unmatched = await timed(indexes.map(stranger), intake('task'));
    const all = [placer, patient, unmatched];
    await discardPending(h);

    const applied = async (raw: string) => (await intake('applied')(raw)) && applyPending(h);
    const messages = [...indexes.map(booking), ...indexes.map(visit)];
    const apply = await timed(messages, applied);
    apply.bad += (await countNotIn(h, 'seen')) + notSent;
    return [
      rowOf(backend, 'intake placer', placer),
      rowOf(backend, 'intake patient', patient),
      rowOf(backend, 'intake unmatched', unmatched),
      rowOf(backend, 'intake all', {
        latencies: all.flatMap((t) => t.latencies),
        wallMs: all.reduce((acc, t) => acc + t.wallMs, 0),
        bad: all.reduce((acc, t) => acc + t.bad, 0),
      }),
      rowOf(backend, 'intake+apply', apply),
    ];
  } finally {
    await opened.close();
    await cleanup();
  }
}

/** The reader alone over the same kinds of message: its share of an intake. */
function parseOnly(): Row {
  const codec = createHl7Codec(manualClock(START));
  const indexes = referralIds.map((_, i) => i);
  const raws = [...indexes.map(booking), ...indexes.map(visit), ...indexes.map(stranger)];
  for (const raw of raws.slice(0, WARMUP)) codec.read(raw);
  const latencies: number[] = [];
  let bad = 0;
  const started = performance.now();
  for (const raw of raws) {
    const t0 = performance.now();
    if (codec.read(raw).kind !== 'read') bad++;
    latencies.push(performance.now() - t0);
  }
  return {
    backend: '-',
    run: 'parse only',
    ...summarize(latencies, performance.now() - started),
    bad,
  };
}

const fmt = (x: number, digits = 1) => x.toFixed(digits);

function printTable(rows: Row[]) {
  const header = [
    'backend',
    'run',
    'messages',
    's',
    'msg/s',
    'p50 ms',
    'p95 ms',
    'max ms',
    'vs 500/s',
  ];
  const table = rows.map((r) => [
    r.backend,
    r.run,
    String(r.n),
    fmt(r.wallMs / 1000, 2),
    fmt(r.throughputPerSec, 0),
    fmt(r.p50Ms, 2),
    fmt(r.p95Ms, 2),
    fmt(r.maxMs, 2),
    `×${fmt(r.throughputPerSec / TARGET_PER_SEC, 2)}`,
  ]);
  console.log(`\n${markdownTable(header, table)}`);
}

async function main() {
  console.log(
    `HL7 v2 intake: ${N} referrals sent, ${WARMUP} warm-up messages, one message at a time, ` +
      `${cpus().length} CPUs, node ${process.version}; target ${TARGET_PER_SEC} msg/s on SQLite`,
  );
  const rows: Row[] = [parseOnly()];
  for (const backend of BACKENDS) rows.push(...(await measureBackend(backend)));
  printTable(rows);

  const parse = rows[0];
  console.log('\nreader share of an intake (parse p50 / intake p50)');
  for (const r of rows.filter((x) => x.run === 'intake all' && parse)) {
    console.log(`  ${r.backend.padEnd(13)} ×${fmt((parse?.p50Ms ?? 0) / r.p50Ms, 3)}`);
  }

  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const file = join(dir, `hl7-intake-${at.replace(/[:.]/g, '-')}.json`);
  const meta = { at, n: N, warmup: WARMUP, cpus: cpus().length, node: process.version };
  writeFileSync(file, `${JSON.stringify({ ...meta, results: rows }, null, 2)}\n`);
  console.log(`\nraw figures: ${file}`);

  const bad = rows.reduce((acc, r) => acc + r.bad, 0);
  if (bad > 0) {
    console.error(`FAILED: ${bad} message(s) or referral(s) did not end as expected`);
    process.exitCode = 1;
  } else {
    console.log(
      'verified: placer and patient messages applied, strangers became tasks, every referral seen',
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
