import type { DirectoryIndex, DirectoryProfile, DirectoryRepo } from '../src/domain/index.js';
import { generateDirectory } from './generate/index.js';
import { rebuildIndex } from './rebuild-index.js';

const BATCH = 1000;

/**
 * Writes a generated directory (deterministic for `seed`) into the repo, then rebuilds the index
 * from it. Re-running with the same seed and count changes nothing.
 */
export async function generateInto(o: {
  count: number;
  seed: number;
  repo: DirectoryRepo;
  index: DirectoryIndex;
  importId: string;
  onProgress?: (phase: 'stored' | 'indexed', count: number) => void;
}): Promise<{ profiles: number; indexed: number }> {
  const directory = generateDirectory({ count: o.count, seed: o.seed });
  await o.repo.upsertNetworks(directory.networks);
  await o.repo.upsertPlans(directory.plans);
  let batch: DirectoryProfile[] = [];
  let stored = 0;
  const flush = async () => {
    await o.repo.upsertProfiles(o.importId, batch);
    stored += batch.length;
    batch = [];
    o.onProgress?.('stored', stored);
  };
  for (const profile of directory.profiles()) {
    batch.push(profile);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await o.repo.deactivateUnseen('generated', o.importId);
  const indexed = await rebuildIndex({
    repo: o.repo,
    index: o.index,
    onProgress: (n) => o.onProgress?.('indexed', n),
  });
  return { profiles: stored, indexed };
}
