import { describe, expect, it } from 'vitest';
import { createMemoryDirectoryIndex } from '../src/adapters/directory-index/memory-index.js';
import { openStore } from '../src/adapters/store/index.js';
import { eyeSpecialists } from '../test/fixtures/eye-specialists.js';
import { rebuildIndex } from './rebuild-index.js';

describe('rebuildIndex', () => {
  it('indexes exactly the active profiles of the repo, replacing what the index held', async () => {
    const opened = await openStore({ kind: 'sqlite', path: ':memory:' });
    // The fixture's own source ('fixture') is not a directory source: store it as generated.
    const profiles = eyeSpecialists().map((p) => ({ ...p, source: 'generated' }));
    await opened.store.directory.upsertProfiles('imp-1', profiles);
    await opened.store.directory.upsertProfiles('imp-2', profiles.slice(0, 10));
    await opened.store.directory.deactivateUnseen('generated', 'imp-2');
    const stale = createMemoryDirectoryIndex(profiles);
    const progress: number[] = [];
    expect(
      await rebuildIndex({
        repo: opened.store.directory,
        index: stale,
        onProgress: (n) => progress.push(n),
      }),
    ).toBe(10);
    expect(await stale.count()).toBe(10);
    expect(progress).toEqual([10]);
    await opened.close();
  });
});
