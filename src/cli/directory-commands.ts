import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { generateInto, importDirectory, rebuildIndex } from '../../retrieval/index.js';
import { openDirectoryIndex } from '../adapters/directory-index/index.js';
import { createZipCentroidGeocoder } from '../adapters/geo/index.js';
import { openStore } from '../adapters/store/index.js';
import type { Config } from '../config.js';
import type { DirectoryIndex, DirectoryRepo } from '../domain/index.js';
import { createProgress } from './progress.js';

type Flags = Record<string, string | boolean | string[] | undefined>;

const USAGE = `usage: directory import <file|folder> [--partial]
       directory generate [--count N] [--seed S]
       directory reindex`;

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
        `${summary.read} profiles (${summary.inserted} new, ${summary.updated} changed, ${summary.deactivated} deactivated, ${summary.issues} records skipped); ${indexed} indexed`,
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
  throw new Error(USAGE);
}
