import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/domain/index.js';
import { generateDirectory, METROS, TAXONOMY_MIX } from './index.js';

const NUCC = new URL(
  '../../../shared/data/pdex-plan-net-sample-data/nucc_provider_taxonomy.csv',
  import.meta.url,
);
const ZCTA = new URL(
  '../../../shared/data/us-zcta-centroids-census-2021/zcta_centroids.csv',
  import.meta.url,
);

function lines(url: URL): string[] {
  if (!existsSync(url))
    throw new Error(`missing ${url.pathname}: ../shared must sit beside the checkout`);
  return readFileSync(url, 'utf8').split(/\r?\n/);
}

describe('reference data against ../shared/data', () => {
  it('uses only codes in the NUCC taxonomy', () => {
    const nucc = new Set(lines(NUCC).flatMap((l) => /^"?([0-9A-Z]{9}X)"?,/.exec(l)?.[1] ?? []));
    expect(nucc.size).toBeGreaterThan(800);
    const mix = TAXONOMY_MIX.flatMap((s) => (s.secondary ? [s.code, s.secondary] : [s.code]));
    expect(mix.filter((c) => !nucc.has(c))).toEqual([]);
    const used = new Set<string>();
    for (const p of generateDirectory({ count: 5_000, seed: 3 }).profiles()) {
      for (const c of p.taxonomyCodes) used.add(c);
    }
    expect([...used].filter((c) => !nucc.has(c))).toEqual([]);
  });

  it('places each metro where its ZIP prefixes are', () => {
    const zctas = lines(ZCTA)
      .slice(1)
      .map((l) => l.split(','))
      .map(([zip = '', lat = '', lon = '']) => ({ zip, lat: Number(lat), lon: Number(lon) }));
    for (const m of METROS) {
      for (const prefix of m.zip3) {
        const near = zctas.filter((z) => z.zip.startsWith(prefix) && distanceKm(m, z) < 30);
        expect(near.length, `${m.city} ${prefix}`).toBeGreaterThan(0);
      }
    }
  });
});
