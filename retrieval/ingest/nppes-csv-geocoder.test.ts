import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DirectoryProfile,
  PostalCodeGeocoder,
  PostalCodeLocation,
} from '../../src/domain/index.js';
import { readNppesCsv } from './nppes-csv.js';
import { NPPES_COLUMNS } from './test-data.js';

const row = (npi: string, zip: string) =>
  [npi, '1', 'LEE', 'ANN', '', 'MD', '1 MAIN ST', '', 'HARTFORD', 'CT', zip]
    .concat(['', '', '', '', '207W00000X', 'Y'])
    .map((v) => `"${v}"`)
    .join(',');

/** Knows two ZIPs: one by its own centroid, one only by its 3-digit prefix. */
function fakeGeocoder(): PostalCodeGeocoder & { asked: string[] } {
  const known: Record<string, PostalCodeLocation> = {
    '06105': { position: { lat: 41.77, lon: -72.7 }, precision: 'postal-code' },
    '06030': { position: { lat: 41.7, lon: -72.8 }, precision: 'postal-prefix' },
  };
  const asked: string[] = [];
  return {
    asked,
    locate(postalCode) {
      asked.push(postalCode);
      return known[postalCode] ?? null;
    },
  };
}

describe('readNppesCsv with a geocoder', () => {
  let dir = '';
  let file = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-nppes-geo-'));
    file = join(dir, 'n.csv');
    const lines = [
      NPPES_COLUMNS.map((c) => `"${c}"`).join(','),
      row('1234567893', '061051234'),
      row('1245319599', '06030'),
      row('1003000126', '99999'),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const read = async (geocoder?: PostalCodeGeocoder) => {
    const out: DirectoryProfile[] = [];
    for await (const p of readNppesCsv(file, geocoder ? { geocoder } : {})) out.push(p);
    return out.map((p) => p.locations[0]);
  };

  it('places each practice at its ZIP centroid, marked with the precision the geocoder gave', async () => {
    const geocoder = fakeGeocoder();
    const [byZip, byPrefix, unknown] = await read(geocoder);
    expect(geocoder.asked).toEqual(['06105', '06030', '99999']);
    expect(byZip).toMatchObject({
      postalCode: '06105',
      position: { lat: 41.77, lon: -72.7 },
      positionPrecision: 'postal-code',
    });
    expect(byPrefix).toMatchObject({
      position: { lat: 41.7, lon: -72.8 },
      positionPrecision: 'postal-prefix',
    });
    expect(unknown?.position).toBeNull();
    expect(unknown).not.toHaveProperty('positionPrecision');
  });

  it('leaves positions null and unmarked without a geocoder', async () => {
    const locations = await read();
    expect(locations).toHaveLength(3);
    for (const l of locations) {
      expect(l?.position).toBeNull();
      expect(l).not.toHaveProperty('positionPrecision');
    }
  });
});
