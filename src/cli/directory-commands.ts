import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { generateInto, importDirectory, rebuildIndex } from '../../retrieval/index.js';
import { openDirectoryIndex } from '../adapters/directory-index/index.js';
import { createZipCentroidGeocoder } from '../adapters/geo/index.js';
import { openStore } from '../adapters/store/index.js';
import type { Config } from '../config.js';
import {
  type DirectoryDrift,
  type DirectoryIndex,
  type DirectoryRepo,
  type DriftCounts,
  DriftFilter,
  issuesFromZod,
} from '../domain/index.js';
import { createProgress } from './progress.js';

type Flags = Record<string, string | boolean | string[] | undefined>;

const USAGE = `usage: directory import <file|folder> [--partial]
       directory generate [--count N] [--seed S]
       directory reindex
       directory drift [--import ID] [--kind KIND] [--npi NPI] [--limit N] [--cursor C] [--json]
       directory imports [--limit N] [--json]`;

/** "2 network-dropped, 1 deactivated", or "no drift". */
export function describeDrift(drift: DriftCounts): string {
  const parts = Object.entries(drift)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  return parts.length > 0 ? parts.join(', ') : 'no drift';
}

const driftLine = (d: DirectoryDrift) =>
  `${d.recordedAt} ${d.npi} ${d.kind} ${Object.entries(d.detail)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ')} (import ${d.importId})`.replace(/ {2,}/g, ' ');

/** The drift flags, checked as the HTTP route checks its query; a bad one is refused by name. */
function driftFilter(flags: Flags): DriftFilter {
  const text = (name: string) => (typeof flags[name] === 'string' ? flags[name] : undefined);
  const parsed = DriftFilter.safeParse({
    importId: text('import'),
    kind: text('kind'),
    npi: text('npi'),
    limit: text('limit'),
    cursor: text('cursor'),
  });
  if (parsed.success) return parsed.data;
  const flag = (path: string) => (path === 'importId' ? 'import' : path);
  throw new Error(
    issuesFromZod(parsed.error)
      .map((i) => `--${flag(i.path)}: ${i.message}`)
      .join('; '),
  );
}

function positiveInt(value: Flags[string], fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000)
    throw new Error(`--${name} must be a whole number from 0 to 1000000`);
  return n;
}

async function withDirectory<T>(
  config: Config,
  fn: (repo: DirectoryRepo, index: DirectoryIndex) => Promise<T>,
) {
  const opened = await openStore(config.store);
  const directoryIndex = await openDirectoryIndex(config.directory.index, config.llm);
  try {
    return await fn(opened.store.directory, directoryIndex.index);
  } finally {
    directoryIndex.close();
    await opened.close();
  }
}

/** `referrals directory import|generate|reindex`: fill the directory, keep its index in step. */
export async function directoryCommand(
  config: Config,
  [sub, path]: string[],
  flags: Flags,
  io: { out: (line: string) => void },
): Promise<void> {
  if (sub === 'import') {
    if (!path) throw new Error(USAGE);
    if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
    const progress = createProgress('directory import');
    await withDirectory(config, async (repo, index) => {
      const summary = await importDirectory({
        path,
        importId: randomUUID(),
        today: new Date().toISOString().slice(0, 10),
        repo,
        partial: flags.partial === true,
        geocoder: createZipCentroidGeocoder(),
        onProgress: (phase, n) =>
          progress.update(n, phase === 'read' ? 'resources read' : 'profiles stored'),
      });
      const indexed = await rebuildIndex({
        repo,
        index,
        onProgress: (n) => progress.update(n, 'profiles indexed'),
      });
      progress.finish(
        `${summary.read} profiles (${summary.inserted} new, ${summary.updated} changed, ${summary.deactivated} deactivated, ${summary.issues} records skipped); ${indexed} indexed; drift: ${describeDrift(summary.drift)} (directory drift --import ${summary.importId})`,
      );
      io.out(JSON.stringify({ ...summary, indexed }, null, 2));
    });
    return;
  }
  if (sub === 'generate') {
    const count = positiveInt(flags.count, config.directory.generateCount, 'count');
    const seed = positiveInt(flags.seed, config.directory.seed, 'seed');
    const progress = createProgress('directory generate');
    await withDirectory(config, async (repo, index) => {
      const result = await generateInto({
        count,
        seed,
        repo,
        index,
        importId: `generated-${seed}-${count}`,
        onProgress: (phase, n) => progress.update(n, `profiles ${phase}`),
      });
      progress.finish(
        `${result.profiles} profiles generated (seed ${seed}), ${result.indexed} indexed`,
      );
      io.out(JSON.stringify({ count, seed, ...result }, null, 2));
    });
    return;
  }
  if (sub === 'reindex') {
    const progress = createProgress('directory reindex');
    await withDirectory(config, async (repo, index) => {
      const indexed = await rebuildIndex({
        repo,
        index,
        onProgress: (n) => progress.update(n, 'profiles indexed'),
      });
      progress.finish(`${indexed} profiles indexed`);
      io.out(JSON.stringify({ indexed }, null, 2));
    });
    return;
  }
  if (sub === 'drift') {
    const filter = driftFilter(flags);
    const opened = await openStore(config.store);
    try {
      const page = await opened.store.directory.listDrift({
        limit: filter.limit,
        ...(filter.importId ? { importId: filter.importId } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.npi ? { npi: filter.npi } : {}),
        ...(filter.cursor ? { before: filter.cursor } : {}),
      });
      if (flags.json === true) io.out(JSON.stringify(page, null, 2));
      else {
        for (const d of page.items) io.out(driftLine(d));
        if (page.items.length === 0) io.out('no drift recorded');
        if (page.nextCursor !== null) io.out(`more: --cursor ${page.nextCursor}`);
      }
    } finally {
      await opened.close();
    }
    return;
  }
  if (sub === 'imports') {
    const limit = positiveInt(flags.limit, 20, 'limit');
    const opened = await openStore(config.store);
    try {
      const imports = await opened.store.directory.listImports(Math.max(1, Math.min(limit, 500)));
      if (flags.json === true) io.out(JSON.stringify({ data: imports }, null, 2));
      else {
        for (const i of imports) {
          io.out(
            `${i.startedAt} ${i.importId} ${i.source}: ${i.records} records (${i.inserted} new, ${i.updated} changed, ${i.deactivated} deactivated); drift: ${describeDrift(i.drift)}`,
          );
        }
        if (imports.length === 0) io.out('no imports recorded');
      }
    } finally {
      await opened.close();
    }
    return;
  }
  throw new Error(USAGE);
}
