/**
 * One size of the directory-index benchmark, in a fresh process and a fresh temp directory:
 * import into the SQLite store and the embedded index, closed clusters laid over both, referral-
 * shaped queries on the index, then the exhaustive scan over the same active profiles as the
 * baseline, with the same queries. `directory-index.ts` forks this file once per size (with
 * --expose-gc) and receives the result over IPC.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateInto } from '../retrieval/index.js';
import {
  createMemoryDirectoryIndex,
  openSqliteDirectoryIndex,
} from '../src/adapters/directory-index/index.js';
import { openStore } from '../src/adapters/store/index.js';
import type { DirectoryIndex, DirectoryProfile, DirectoryRepo } from '../src/domain/index.js';
import { type ClusterSummary, clusteredRepo } from './directory-clusters.js';
import {
  type BenchQuery,
  CLUSTER_RADIUS_KM,
  closedClusterQueries,
  closedClusters,
  type QueryClass,
  referralQueries,
  rejectFirstOffers,
} from './directory-queries.js';
import { collectGarbage, rssMiB, sampleRss } from './directory-rss.js';
import { percentile } from './stats.js';

const WARMUP = 20;
const PAGE = 1000;

export interface Latency {
  n: number;
  meanHits: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}
export type ByClass = Record<QueryClass | 'all', Latency>;
const CLASSES: readonly QueryClass[] = ['selective', 'broad', 'closed-cluster'];

export interface Mismatch {
  query: number;
  label: string;
  at: number;
  sqlite: string | null;
  memory: string | null;
  sqliteHits: number;
  memoryHits: number;
}

export interface SizeResult {
  profiles: number;
  active: number;
  queries: number;
  import: {
    repoMs: number;
    indexMs: number;
    totalMs: number;
    repoPerSec: number;
    indexPerSec: number;
    overallPerSec: number;
    storeFileMiB: number;
    indexFileMiB: number;
  };
  /** The closed clusters laid over the profiles as they were imported. */
  clusters: ClusterSummary & { centres: number; radiusKm: number };
  rss: { startMiB: number; peakMiB: number; afterMiB: number; samples: number };
  sqlite: ByClass;
  /** Embedded index latency per referral shape (`+net`: network filter, `+text`: reason). */
  sqliteByShape: Record<string, Latency>;
  /** Exhaustive scan latency per shape, the same queries in the same run. */
  memoryByShape: Record<string, Latency>;
  memory: ByClass & { loadMs: number; rssBeforeMiB: number; rssAfterMiB: number; peakMiB: number };
  ratio: Record<QueryClass | 'all', { p50: number; p95: number }>;
  mismatches: Mismatch[];
}

const log = (msg: string) => process.stderr.write(`[${new Date().toISOString()}] ${msg}\n`);
const mib = (path: string) => {
  try {
    return statSync(path).size / 2 ** 20;
  } catch {
    return 0;
  }
};
const keyOf = (h: { profile: DirectoryProfile; locationId: string }) =>
  `${h.profile.npi}/${h.locationId}`;

/** Each query once (after a warm-up), timed; the ordered (npi/location) keys of its hits. */
async function runQueries(index: DirectoryIndex, queries: readonly BenchQuery[]) {
  for (const q of queries.slice(0, WARMUP)) await index.search(q.query);
  const ms: number[] = [];
  const keys: string[][] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const hits = await index.search(q.query);
    ms.push(performance.now() - t0);
    keys.push(hits.map(keyOf));
  }
  return { ms, keys };
}

function grouped(queries: readonly BenchQuery[], ms: number[], keys: string[][]) {
  return (keep: (q: BenchQuery) => boolean): Latency => {
    const idx = queries.flatMap((q, i) => (keep(q) ? [i] : []));
    const sorted = idx.map((i) => ms[i] ?? Number.NaN).sort((a, b) => a - b);
    const hits = idx.reduce((acc, i) => acc + (keys[i]?.length ?? 0), 0);
    return {
      n: idx.length,
      meanHits: hits / Math.max(1, idx.length),
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.at(-1) ?? Number.NaN,
    };
  };
}

function byClass(queries: readonly BenchQuery[], ms: number[], keys: string[][]): ByClass {
  const of = grouped(queries, ms, keys);
  return {
    selective: of((q) => q.cls === 'selective'),
    broad: of((q) => q.cls === 'broad'),
    'closed-cluster': of((q) => q.cls === 'closed-cluster'),
    all: of(() => true),
  };
}

/** Per referral shape, split by whether the query carried the reason text. */
function byShape(queries: readonly BenchQuery[], ms: number[], keys: string[][]) {
  const of = grouped(queries, ms, keys);
  const shapeOf = (q: BenchQuery) => `${q.label}${q.query.text ? '+text' : ''}`;
  const shapes = [...new Set(queries.map(shapeOf))].sort();
  return Object.fromEntries(shapes.map((s) => [s, of((q) => shapeOf(q) === s)]));
}

function compare(queries: readonly BenchQuery[], a: string[][], b: string[][]): Mismatch[] {
  const out: Mismatch[] = [];
  queries.forEach((q, i) => {
    const x = a[i] ?? [];
    const y = b[i] ?? [];
    const n = Math.max(x.length, y.length);
    for (let at = 0; at < n; at++) {
      if (x[at] === y[at]) continue;
      const [sqlite, memory] = [x[at] ?? null, y[at] ?? null];
      out.push({
        query: i,
        label: q.label,
        at,
        sqlite,
        memory,
        sqliteHits: x.length,
        memoryHits: y.length,
      });
      return;
    }
  });
  return out;
}

/** The active profiles as the index received them: the repo's `listActive` pages. */
async function loadActive(repo: DirectoryRepo): Promise<DirectoryProfile[]> {
  const all: DirectoryProfile[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await repo.listActive(after, PAGE);
    if (page.length === 0) return all;
    for (const p of page) all.push(p);
    after = page.at(-1)?.npi ?? null;
  }
}

export async function runSize(o: {
  count: number;
  queries: number;
  clusterQueries: number;
  seed: number;
}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-directory-'));
  const storePath = join(dir, 'bench.sqlite');
  const indexPath = join(dir, 'directory-index.sqlite');
  const sampler = sampleRss();
  const startMiB = rssMiB();
  const opened = await openStore({ kind: 'sqlite', path: storePath });
  const sqlite = await openSqliteDirectoryIndex(indexPath);
  try {
    const repo = opened.store.directory;
    const centres = closedClusters(o.seed);
    const clustered = clusteredRepo(repo, { centres, radiusKm: CLUSTER_RADIUS_KM, seed: o.seed });
    log(`${o.count}: importing (with ${centres.length} closed clusters)`);
    const t0 = performance.now();
    let tStored = t0;
    let lastLog = t0;
    const { profiles, indexed } = await generateInto({
      count: o.count,
      seed: o.seed,
      repo: clustered.repo,
      index: sqlite.index,
      importId: `bench-${o.seed}-${o.count}`,
      onProgress: (phase, n) => {
        const now = performance.now();
        if (phase === 'stored') tStored = now;
        if (now - lastLog > 30_000) {
          lastLog = now;
          log(`${o.count}: ${phase} ${n}`);
        }
      },
    });
    const tEnd = performance.now();
    const [repoMs, indexMs, totalMs] = [tStored - t0, tEnd - tStored, tEnd - t0];
    const clusters = clustered.summary;
    log(
      `${o.count}: imported in ${(totalMs / 1000).toFixed(1)} s (${clusters.closed} closed, ${clusters.unreachable} unreachable); querying the index`,
    );

    const queries = await rejectFirstOffers(
      [...referralQueries(o.queries, o.seed), ...closedClusterQueries(o.clusterQueries, o.seed)],
      sqlite.index,
    );
    const viaSqlite = await runQueries(sqlite.index, queries);
    const rss = {
      startMiB,
      peakMiB: sampler.peakMiB(),
      afterMiB: rssMiB(),
      samples: sampler.samples(),
    };

    log(`${o.count}: loading the exhaustive baseline`);
    collectGarbage();
    sampler.reset();
    const rssBeforeMiB = rssMiB();
    const tLoad = performance.now();
    const memory = createMemoryDirectoryIndex(await loadActive(repo));
    const loadMs = performance.now() - tLoad;
    collectGarbage();
    const rssAfterMiB = rssMiB();
    const active = await memory.count();
    if (active !== indexed || (await sqlite.index.count()) !== indexed) {
      throw new Error(`baseline has ${active} profiles, the index ${indexed}`);
    }
    log(`${o.count}: querying the baseline`);
    const viaMemory = await runQueries(memory, queries);
    const s = byClass(queries, viaSqlite.ms, viaSqlite.keys);
    const m = byClass(queries, viaMemory.ms, viaMemory.keys);
    const ratioOf = (c: QueryClass | 'all') => ({
      p50: m[c].p50Ms / s[c].p50Ms,
      p95: m[c].p95Ms / s[c].p95Ms,
    });
    const ratio = Object.fromEntries(
      [...CLASSES, 'all' as const].map((c) => [c, ratioOf(c)]),
    ) as SizeResult['ratio'];
    const result: SizeResult = {
      profiles,
      active,
      queries: queries.length,
      import: {
        repoMs,
        indexMs,
        totalMs,
        repoPerSec: (profiles / repoMs) * 1000,
        indexPerSec: (indexed / indexMs) * 1000,
        overallPerSec: (profiles / totalMs) * 1000,
        storeFileMiB: mib(storePath),
        indexFileMiB: mib(indexPath),
      },
      clusters: { ...clusters, centres: centres.length, radiusKm: CLUSTER_RADIUS_KM },
      rss,
      sqlite: s,
      sqliteByShape: byShape(queries, viaSqlite.ms, viaSqlite.keys),
      memoryByShape: byShape(queries, viaMemory.ms, viaMemory.keys),
      memory: { ...m, loadMs, rssBeforeMiB, rssAfterMiB, peakMiB: sampler.peakMiB() },
      ratio,
      mismatches: compare(queries, viaSqlite.keys, viaMemory.keys),
    };
    return result;
  } finally {
    await sampler.stop();
    sqlite.close();
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '300' },
    'cluster-queries': { type: 'string', default: '100' },
    seed: { type: 'string', default: '42' },
  },
});
const result = await runSize({
  count: Number(args.size),
  queries: Number(args.queries),
  clusterQueries: Number(args['cluster-queries']),
  seed: Number(args.seed),
});
if (process.send) process.send(result);
else console.log(JSON.stringify(result, null, 2));
