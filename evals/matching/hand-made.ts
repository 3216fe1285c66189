/**
 * Test support: tiny hand-made directories whose right answers can be worked out by hand. The
 * patient sits at PATIENT; a location `km` north of it is `km / 111.195` degrees of latitude away.
 */
import type { DirectoryLocation, DirectoryProfile, GeoPoint } from '../../src/domain/index.js';
import type { TruthQuery } from './truth.js';

export const PATIENT: GeoPoint = { lat: 41.8, lon: -71.4 };
/** Kilometres per degree of latitude on the mean Earth radius. */
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

export const RETINA = '207WX0107X';
export const OPHTHALMOLOGY = '207W00000X';
export const PRIMARY_CARE = '207Q00000X';

export const northOf = (p: GeoPoint, km: number): GeoPoint => ({
  lat: p.lat + km / KM_PER_DEGREE,
  lon: p.lon,
});

export function location(
  id: string,
  km: number,
  overrides: Partial<DirectoryLocation> = {},
): DirectoryLocation {
  return {
    id,
    name: `Clinic ${id}`,
    line: '1 Main St',
    city: 'Providence',
    state: 'RI',
    postalCode: '02903',
    position: northOf(PATIENT, km),
    phone: null,
    fax: null,
    acceptingNewPatients: true,
    ...overrides,
  };
}

export function profile(
  npi: string,
  taxonomyCodes: string[],
  locations: DirectoryLocation[],
  overrides: Partial<DirectoryProfile> = {},
): DirectoryProfile {
  return {
    npi,
    name: `Dr. ${npi}`,
    taxonomyCodes,
    locations,
    networkIds: ['net-a'],
    languages: ['en'],
    acceptingNewPatients: true,
    endpoints: [{ channel: 'direct', address: `${npi}@direct.example.org` }],
    preferredChannel: 'direct',
    metrics: { waitDays: null, rating: null, loopClosureRate: null },
    active: true,
    source: 'generated',
    ...overrides,
  };
}

export const waitOf = (days: number): DirectoryProfile['metrics'] => ({
  waitDays: { value: days, count: 10, source: 'test', asOf: '2026-01-01' },
  rating: null,
  loopClosureRate: null,
});

/** A retina referral (ophthalmology as fallback) within `km` of PATIENT, plan paying in net-a. */
export const retinaQuery = (km: number, networkIds = ['net-a']): TruthQuery => ({
  near: PATIENT,
  radiusKm: km,
  networkIds,
  tiers: [
    { tier: 'preferred', taxonomies: [RETINA] },
    { tier: 'fallback', taxonomies: [OPHTHALMOLOGY] },
  ],
});
