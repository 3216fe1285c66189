import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { distanceKm, type GeoPoint } from '../../src/domain/index.js';

export const ZCTA_FILE = 'us-zcta-centroids-census-2021/zcta_centroids.csv';

/**
 * The rule, from the only columns the Census centroid file has (no population, no land area):
 * ZCTAs are drawn around people, so they are small where people are many. A point with at most
 * `RURAL_MAX_ZCTAS` ZCTA centroids (its own included) within `DENSITY_RADIUS_KM` sits among large,
 * sparsely settled ZCTAs: rural. Checked on New England: downtown Boston has 42, Providence 19,
 * Hartford 12, Hyannis 9; Norfolk CT, Great Barrington MA, Westerly RI, Athol MA have 1–3.
 */
export const DENSITY_RADIUS_KM = 8;
export const RURAL_MAX_ZCTAS = 3;
export const URBANICITY_RULE =
  `rural = at most ${RURAL_MAX_ZCTAS} Census ZCTA centroids (own included) within ` +
  `${DENSITY_RADIUS_KM} km of the patient (the centroid file has no population or area; ZCTAs ` +
  'are small where people are many), urban otherwise';

export type Urbanicity = 'urban' | 'rural';

interface Zcta {
  zcta: string;
  position: GeoPoint;
}

const CELL_DEG = 0.1;
const cellOf = (p: GeoPoint) => `${Math.floor(p.lat / CELL_DEG)}:${Math.floor(p.lon / CELL_DEG)}`;

export interface ZctaMap {
  urbanicity(point: GeoPoint): Urbanicity;
  /** ZCTA centroids within `DENSITY_RADIUS_KM` of the point. */
  density(point: GeoPoint): number;
  /** The nearest ZCTA within about 60 km (the patient's postal code); null outside the US. */
  nearestZip(point: GeoPoint): string | null;
}

/** Reads the Census centroids in place (`dataRoot`/us-zcta-centroids-census-2021). */
export function loadZctaMap(dataRoot: string): ZctaMap {
  const [header, ...lines] = readFileSync(join(dataRoot, ZCTA_FILE), 'utf8').trim().split(/\r?\n/);
  if (header !== 'zcta,latitude,longitude') throw new Error(`unexpected ZCTA header: ${header}`);
  const grid = new Map<string, Zcta[]>();
  for (const line of lines) {
    const [zcta = '', lat = '', lon = ''] = line.split(',');
    const entry = { zcta, position: { lat: Number(lat), lon: Number(lon) } };
    const key = cellOf(entry.position);
    const cell = grid.get(key);
    if (cell) cell.push(entry);
    else grid.set(key, [entry]);
  }
  /** The ZCTAs in the cells around `point`, `reach` cells each way. */
  const around = (point: GeoPoint, reach: number) => {
    const lat = Math.floor(point.lat / CELL_DEG);
    const lon = Math.floor(point.lon / CELL_DEG);
    const found: Zcta[] = [];
    for (let i = -reach; i <= reach; i++) {
      for (let j = -reach; j <= reach; j++)
        found.push(...(grid.get(`${lat + i}:${lon + j}`) ?? []));
    }
    return found;
  };
  const density = (point: GeoPoint) =>
    around(point, 1).filter((z) => distanceKm(point, z.position) <= DENSITY_RADIUS_KM).length;
  return {
    density,
    urbanicity: (point) => (density(point) <= RURAL_MAX_ZCTAS ? 'rural' : 'urban'),
    nearestZip(point) {
      for (let reach = 1; reach <= 8; reach *= 2) {
        const near = around(point, reach);
        if (near.length === 0) continue;
        let best = near[0] as Zcta;
        for (const z of near) {
          if (distanceKm(point, z.position) < distanceKm(point, best.position)) best = z;
        }
        return best.zcta;
      }
      return null;
    },
  };
}
