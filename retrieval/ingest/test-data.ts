import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Test support: the path of a file under the shared data folder (`../shared/data` next to the
 * repository), read in place and never copied. Throws a clear message when it is missing.
 */
export function sharedDataPath(relative: string): string {
  const path = fileURLToPath(new URL(`../../../shared/data/${relative}`, import.meta.url));
  if (!existsSync(path)) {
    throw new Error(
      `Shared test data not found: ${path}. These tests read ../shared/data relative to the ` +
        'repository root (see shared/data/SOURCES.md); check out the shared folder beside it.',
    );
  }
  return path;
}
