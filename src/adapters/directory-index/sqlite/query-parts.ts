import type { GeoPoint } from '../../../domain/index.js';
import { CELLS_PER_DEGREE } from './schema.js';

/** Same sphere as `distanceKm` in the domain. */
export const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;
/** Widens the box a hair so float rounding never drops a point on the circle. */
const SLACK_DEG = 1e-9;

export interface SearchBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
  /** JSON array of the longitude cells the box touches. */
  cells: string;
}

export function cellOf(lon: number): number {
  return Math.floor(lon * CELLS_PER_DEGREE);
}

function cellRange(minLon: number, maxLon: number): string {
  const cells: number[] = [];
  for (let c = cellOf(minLon); c <= cellOf(maxLon); c += 1) cells.push(c);
  return JSON.stringify(cells);
}

/**
 * Bounding box of a spherical cap (Matuschek, "Finding points within a distance of a
 * latitude/longitude"): the longitude half-width is asin(sin ρ / cos lat), wider than ρ / cos lat
 * would give. Near a pole, or across the antimeridian, the box spans every longitude.
 */
export function boxAround(center: GeoPoint, radiusKm: number): SearchBox {
  const rho = Math.max(0, radiusKm) / EARTH_RADIUS_KM;
  const minLat = center.lat - rho / DEG - SLACK_DEG;
  const maxLat = center.lat + rho / DEG + SLACK_DEG;
  if (rho < Math.PI / 2 && minLat > -90 && maxLat < 90) {
    const ratio = Math.sin(rho) / Math.cos(center.lat * DEG);
    if (ratio < 1) {
      const dLon = Math.asin(ratio) / DEG + SLACK_DEG;
      const minLon = center.lon - dLon;
      const maxLon = center.lon + dLon;
      if (minLon >= -180 && maxLon <= 180) {
        return { minLat, maxLat, minLon, maxLon, cells: cellRange(minLon, maxLon) };
      }
    }
  }
  return {
    minLat: Math.max(-90, minLat),
    maxLat: Math.min(90, maxLat),
    minLon: -180,
    maxLon: 180,
    cells: cellRange(-180, 180),
  };
}

/** Haversine in SQL (math functions are compiled in), for `alias.lat` / `alias.lon`. */
export function sqlDistance(alias: string): string {
  const dLat = `radians(${alias}.lat - :lat) / 2`;
  const dLon = `radians(${alias}.lon - :lon) / 2`;
  const h = `pow(sin(${dLat}), 2) + cos(radians(:lat)) * cos(radians(${alias}.lat)) * pow(sin(${dLon}), 2)`;
  return `(2 * ${EARTH_RADIUS_KM} * asin(min(1, sqrt(${h}))))`;
}
