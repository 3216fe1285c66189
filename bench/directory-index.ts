/**
 * Directory matching at scale: import rate, resident memory and referral-shaped match latency of
 * the embedded SQLite index, against an exhaustive scan over the same profiles (identical top-k
 * required), including closed-cluster queries with every constraint inside the query. Each size
 * runs in its own process (`directory-size.ts`) and temp directory.
 * Usage: npx tsx bench/directory-index.ts [--sizes 10000,100000,1000000] [--queries 300]
 *        [--cluster-queries 100] [--seed 42]
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatClusters, formatShapes, formatTables, formatTargets } from './directory-report.js';
import type { SizeResult } from './directory-size.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    queries: { type: 'string', default: '300' },
    'cluster-queries': { type: 'string', default: '100' },
    seed: { type: 'string', default: '42' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const here = dirname(fileURLToPath(import.meta.url));

/** The exhaustive baseline holds every profile as an object: give its heap room at 1M. */
const CHILD_FLAGS = ['--expose-gc', '--max-old-space-size=16384'];

function runChild(size: number): Promise<{ result?: SizeResult; error?: string; wallMs: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    let result: SizeResult | undefined;
    const child = fork(
      join(here, 'directory-size.ts'),
      [
        ...['--size', String(size), '--queries', args.queries],
        ...['--cluster-queries', args['cluster-queries'], '--seed', args.seed],
      ],
      { execArgv: [...process.execArgv, ...CHILD_FLAGS] },
    );
    child.on('message', (m) => {
      result = m as SizeResult;
    });
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - started;
      if (result) resolve({ result, wallMs });
      else resolve({ error: `size ${size}: exited with ${code ?? signal}`, wallMs });
    });
  });
}

const results: SizeResult[] = [];
const errors: string[] = [];
const wallMs: Record<number, number> = {};
for (const size of SIZES) {
  const run = await runChild(size);
  wallMs[size] = run.wallMs;
  if (run.result) results.push(run.result);
  if (run.error) errors.push(run.error);
}

const machine = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  totalMemGiB: totalmem() / 2 ** 30,
  loadAvgAtEnd: loadavg(),
};
console.log(
  `\nNode ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemGiB.toFixed(1)} GiB, load ${machine.loadAvgAtEnd.map((x) => x.toFixed(2)).join(' ')}; seed ${args.seed}, ${args.queries} referral + ${args['cluster-queries']} closed-cluster queries\n`,
);
console.log(formatTables(results));
console.log(`\n${formatClusters(results)}`);
const largest = results.at(-1);
if (largest) console.log(`\n${formatShapes(largest)}\n\n${formatTargets(largest)}`);
for (const r of results) {
  for (const m of r.mismatches) {
    console.log(
      `MISMATCH ${r.profiles}: query ${m.query} (${m.label}) at ${m.at}: sqlite ${m.sqlite}, scan ${m.memory} (${m.sqliteHits} vs ${m.memoryHits} hits)`,
    );
  }
}
for (const e of errors) console.log(`ERROR ${e}`);

const out = join(
  here,
  'results',
  `directory-index-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
mkdirSync(dirname(out), { recursive: true });
const raw = { args, machine, wallMs, results, errors };
writeFileSync(out, `${JSON.stringify(raw, null, 2)}\n`);
console.log(`\nraw figures: ${out}`);
if (errors.length > 0 || results.some((r) => r.mismatches.length > 0)) process.exitCode = 1;
