import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));

/** Everything a page loads, from our own files and the installed packages: no CDN. */
const FILES = {
  'workspace.css': { path: join(here, 'assets', 'workspace.css'), type: 'text/css' },
  'workspace.js': { path: join(here, 'assets', 'workspace.js'), type: 'text/javascript' },
  'chart.umd.min.js': { path: join(chartDir, 'chart.umd.min.js'), type: 'text/javascript' },
} as const;

export type AssetName = keyof typeof FILES;

/** Reads the assets once (at start), so a request never touches the disk. */
export function loadAssets(): ReadonlyMap<string, { body: Uint8Array<ArrayBuffer>; type: string }> {
  return new Map(
    Object.entries(FILES).map(([name, f]) => [
      name,
      { body: new Uint8Array(readFileSync(f.path)), type: `${f.type}; charset=utf-8` },
    ]),
  );
}
