/**
 * The matching suite's ground truth, computed from the directory records alone: no index, no
 * ranking, no eligibility code of the matcher. Each practitioner location is judged against one
 * referral case (network, radius, new patients, reachability, specialty tier).
 */
import type {
  DirectoryLocation,
  DirectoryProfile,
  GeoPoint,
  SpecialtyTier,
} from '../../src/domain/index.js';

export const KM_PER_MILE = 1.609344;
/** The IUGG mean Earth radius, as the product uses: the two distances agree to the metre. */
const EARTH_RADIUS_KM = 6371.0088;
/** Slack on the radius for floating-point noise between two haversine implementations. */
const RADIUS_SLACK_KM = 0.001;

const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const s =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** One acceptable tier of a case: the NUCC taxonomies of the specialties the dataset expects. */
export interface TruthTier {
  tier: SpecialtyTier;
  taxonomies: readonly string[];
}

/** What a referral case asks of a practitioner location. */
export interface TruthQuery {
  near: GeoPoint;
  radiusKm: number;
  /** The networks the patient's plan pays in. */
  networkIds: readonly string[];
  /** The acceptable tiers, preferred first (empty: nothing referable). */
  tiers: readonly TruthTier[];
}

/** One practitioner location judged against one case. */
export interface LocationVerdict {
  candidateId: string;
  npi: string;
  locationId: string;
  /** Null when the location has no position (it can be in no radius). */
  distanceKm: number | null;
  active: boolean;
  inNetwork: boolean;
  inRadius: boolean;
  /** The directory's word at the location, else the practitioner's; null when it does not say. */
  acceptance: boolean | null;
  /** Not closed to new patients: an unknown acceptance counts as open (the product's rule). */
  open: boolean;
  /** An endpoint, or a fax at the location, to send the packet to. */
  reachable: boolean;
  /** The first acceptable tier the practitioner's taxonomies belong to; null when none. */
  tier: SpecialtyTier | null;
  waitDays: number | null;
  /** Not in the directory at all (a candidate id the matcher made up). */
  unknown: boolean;
}

export const isValid = (v: LocationVerdict): boolean =>
  !v.unknown && v.active && v.inNetwork && v.inRadius && v.open && v.reachable && v.tier !== null;

/** The directory as the truth reads it: every profile (active or not), by NPI. */
export interface TruthDirectory {
  profiles: readonly DirectoryProfile[];
  byNpi: ReadonlyMap<string, DirectoryProfile>;
}

export function truthDirectory(profiles: readonly DirectoryProfile[]): TruthDirectory {
  return { profiles, byNpi: new Map(profiles.map((p) => [p.npi, p])) };
}

function tierOf(profile: DirectoryProfile, tiers: readonly TruthTier[]): SpecialtyTier | null {
  for (const t of tiers) {
    if (profile.taxonomyCodes.some((code) => t.taxonomies.includes(code))) return t.tier;
  }
  return null;
}

export function judgeLocation(
  profile: DirectoryProfile,
  location: DirectoryLocation,
  q: TruthQuery,
): LocationVerdict {
  const distanceKm = location.position ? haversineKm(q.near, location.position) : null;
  const acceptance = location.acceptingNewPatients ?? profile.acceptingNewPatients;
  return {
    candidateId: `${profile.npi}@${location.id}`,
    npi: profile.npi,
    locationId: location.id,
    distanceKm,
    active: profile.active,
    inNetwork: profile.networkIds.some((n) => q.networkIds.includes(n)),
    inRadius: distanceKm !== null && distanceKm <= q.radiusKm + RADIUS_SLACK_KM,
    acceptance,
    open: acceptance !== false,
    reachable: profile.endpoints.length > 0 || (location.fax ?? '') !== '',
    tier: tierOf(profile, q.tiers),
    waitDays: profile.metrics.waitDays?.value ?? null,
    unknown: false,
  };
}

/** A returned candidate (`<npi>@<location id>`) judged from the directory records. */
export function judgeCandidate(
  dir: TruthDirectory,
  candidateId: string,
  q: TruthQuery,
): LocationVerdict {
  const at = candidateId.indexOf('@');
  const npi = at === -1 ? candidateId : candidateId.slice(0, at);
  const locationId = at === -1 ? '' : candidateId.slice(at + 1);
  const profile = dir.byNpi.get(npi);
  const location = profile?.locations.find((l) => l.id === locationId);
  if (profile && location) return judgeLocation(profile, location, q);
  return {
    candidateId,
    npi,
    locationId,
    distanceKm: null,
    active: false,
    inNetwork: false,
    inRadius: false,
    acceptance: null,
    open: false,
    reachable: false,
    tier: null,
    waitDays: null,
    unknown: true,
  };
}

export interface CaseTruth {
  /** The first acceptable tier with a valid location; null: no valid candidate in any tier. */
  tier: SpecialtyTier | null;
  /** The valid locations of that tier, nearest first. */
  valid: LocationVerdict[];
  /** The taxonomies of that tier (of every tier when none has anyone). */
  rightTaxonomies: readonly string[];
}

/** Every valid location of the case by exhaustive scan, and the tier the product's rule must use. */
export function truthOf(dir: TruthDirectory, q: TruthQuery): CaseTruth {
  const all = new Set(q.tiers.flatMap((t) => t.taxonomies));
  const valid: LocationVerdict[] = [];
  for (const profile of dir.profiles) {
    if (!profile.taxonomyCodes.some((code) => all.has(code))) continue;
    for (const location of profile.locations) {
      const v = judgeLocation(profile, location, q);
      if (isValid(v)) valid.push(v);
    }
  }
  const found = q.tiers.find((t) => valid.some((v) => v.tier === t.tier));
  if (!found) return { tier: null, valid: [], rightTaxonomies: [...all] };
  return {
    tier: found.tier,
    valid: valid
      .filter((v) => v.tier === found.tier)
      .sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0)),
    rightTaxonomies: found.taxonomies,
  };
}
