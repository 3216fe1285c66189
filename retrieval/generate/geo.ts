import type { GeoPoint } from '../../src/domain/index.js';
import type { Metro } from './metros.js';
import type { Rng } from './prng.js';

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQUATOR = 111.32;

/** The point `km` away from `from` on `bearing` (radians), on a locally flat earth. */
export function offsetKm(from: GeoPoint, km: number, bearing: number): GeoPoint {
  const dLat = (km * Math.cos(bearing)) / KM_PER_DEG_LAT;
  const dLon =
    (km * Math.sin(bearing)) / (KM_PER_DEG_LON_EQUATOR * Math.cos((from.lat * Math.PI) / 180));
  return { lat: round6(from.lat + dLat), lon: round6(from.lon + dLon) };
}

/**
 * How far from the metro centre a practice sits: most within ~15 km (a half-normal core), a
 * fifth in a suburban tail that thins out towards 60 km.
 */
export function practiceRadiusKm(rng: Rng): number {
  if (rng.chance(0.8)) return Math.min(Math.abs(rng.normal()) * 7, 30);
  return Math.min(12 + rng.logNormal(8, 0.8), 60);
}

export function scatterAround(metro: Metro, rng: Rng): { position: GeoPoint; km: number } {
  const km = practiceRadiusKm(rng);
  return { position: offsetKm(metro, km, rng.next() * 2 * Math.PI), km };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
