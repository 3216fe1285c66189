import type { DirectoryIndex, DirectoryRepo } from '../src/domain/index.js';

const PAGE = 1000;

/**
 * Rebuilds a search index from the directory repo (the source of truth): clears it, then adds
 * every active profile a page at a time. Returns how many profiles it indexed.
 */
export async function rebuildIndex(o: {
  repo: DirectoryRepo;
  index: DirectoryIndex;
  onProgress?: (indexed: number) => void;
}): Promise<number> {
  await o.index.clear();
  let indexed = 0;
  let after: string | null = null;
  for (;;) {
    const page = await o.repo.listActive(after, PAGE);
    if (page.length === 0) return indexed;
    await o.index.upsert(page);
    indexed += page.length;
    after = page.at(-1)?.npi ?? null;
    o.onProgress?.(indexed);
  }
}
