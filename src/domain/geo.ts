import { z } from 'zod';
import type { GeoPoint } from './patient.js';

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), in kilometres. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * How a position was found: from the feed ('exact'), the centroid of the ZIP's Census ZCTA
 * ('postal-code'), or the centroid of the ZCTAs sharing its first three digits ('postal-prefix').
 */
export const PositionPrecision = z.enum(['exact', 'postal-code', 'postal-prefix']);
export type PositionPrecision = z.infer<typeof PositionPrecision>;

/** An approximate position for a postal code, and how approximate it is. */
export interface PostalCodeLocation {
  position: GeoPoint;
  precision: Exclude<PositionPrecision, 'exact'>;
}

/** Port: US ZIP → approximate position. */
export interface PostalCodeGeocoder {
  /**
   * The ZIP's centroid (ZIP+4 or nine digits use the first five); for a ZIP without a ZCTA, the
   * centroid of its 3-digit prefix; null when neither is known or the input is not a ZIP.
   */
  locate(postalCode: string): PostalCodeLocation | null;
}
