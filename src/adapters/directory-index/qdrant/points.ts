import { createHash } from 'node:crypto';
import { type DirectoryProfile, deliveryOf, type GeoPoint } from '../../../domain/index.js';
import { profileText } from '../text.js';
import { documentVector, type SparseVector } from './sparse.js';

export const TEXT_VECTOR = 'text';
export const DENSE_VECTOR = 'dense';

/** What each point carries; the indexed keys are the ones `payloadIndexes` lists. */
export interface PointPayload {
  [key: string]: unknown;
  npi: string;
  /** Empty for the one point of a profile without a located location (kept so it counts). */
  locationId: string;
  /** One point per profile is primary, so counting primaries counts profiles. */
  primary: boolean;
  active: boolean;
  taxonomy: string[];
  networks: string[];
  languages: string[];
  accepting?: boolean;
  /** A referral can be sent to this practitioner at this location (`deliveryOf` is not null). */
  reachable: boolean;
  location?: GeoPoint;
  profile: DirectoryProfile;
}

export interface Point {
  id: string;
  vector: Record<string, SparseVector | number[]>;
  payload: PointPayload;
}

/** A deterministic UUID per (NPI, location), so a re-upsert overwrites the same point. */
export function pointId(npi: string, locationId: string): string {
  const h = createHash('sha1').update(`${npi}/${locationId}`).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** One point per located location of an active profile, or a single unlocated one. */
export function pointsOf(profile: DirectoryProfile, dense?: number[]): Point[] {
  const vector: Point['vector'] = { [TEXT_VECTOR]: documentVector(profileText(profile)) };
  if (dense) vector[DENSE_VECTOR] = dense;
  const base = {
    npi: profile.npi,
    active: profile.active,
    taxonomy: profile.taxonomyCodes,
    networks: profile.networkIds,
    languages: profile.languages,
    profile,
  };
  const located = profile.locations.filter((l) => l.position);
  if (located.length === 0) {
    const reachable = deliveryOf(profile, null) !== null;
    const payload = { ...base, locationId: '', primary: true, reachable };
    return [{ id: pointId(profile.npi, ''), vector, payload }];
  }
  return located.map((l, i) => {
    const accepting = l.acceptingNewPatients ?? profile.acceptingNewPatients;
    const reachable = deliveryOf(profile, l.fax) !== null;
    const payload: PointPayload = { ...base, locationId: l.id, primary: i === 0, reachable };
    if (l.position) payload.location = l.position;
    if (accepting !== null) payload.accepting = accepting;
    return { id: pointId(profile.npi, l.id), vector, payload };
  });
}
