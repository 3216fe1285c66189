import {
  type DirectoryLocation,
  type DirectoryProfile,
  type PostalCodeGeocoder,
  singleSourceProvenance,
} from '../../src/domain/index.js';
import {
  codesIn,
  type Location,
  type Period,
  type Practitioner,
  type PractitionerRole,
  refId,
} from './fhir-types.js';
import { normalizeLanguage } from './languages.js';
import type { PlanNetIndex } from './plan-net-collect.js';
import { roleEndpoints } from './plan-net-endpoints.js';
import {
  acceptingNewPatients,
  addressPosition,
  NUCC_SYSTEM,
  networkReferences,
  postalCode5,
  toGeoPoint,
} from './plan-net-extensions.js';
import { unique } from './validate.js';

export interface ProfileCounters {
  unresolvedLocations: number;
  unresolvedEndpoints: number;
  placeholderPositions: number;
  /** Locations without a usable position, placed at their ZIP's centroid. */
  geocodedLocations: number;
  homeLocations: number;
}

export interface BuildProfileOptions {
  geocoder?: PostalCodeGeocoder | undefined;
  /** The import date (ISO): a period that ended before it no longer counts; the fallback `asOf`. */
  today?: string | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a period still runs on `today` (an absent end runs on; without `today`, all do). */
export function isCurrent(period: Period | undefined, today: string | undefined): boolean {
  const end = period?.end?.slice(0, 10);
  return today === undefined || end === undefined || !ISO_DATE.test(end) || end >= today;
}

/** The latest `meta.lastUpdated` (as a date) of the resources, when any has one. */
function lastUpdated(
  resources: readonly { meta?: { lastUpdated?: string | undefined } | undefined }[],
) {
  const dates = resources
    .map((r) => r.meta?.lastUpdated?.slice(0, 10))
    .filter((d): d is string => d !== undefined && ISO_DATE.test(d))
    .sort();
  return dates.at(-1);
}

/**
 * One profile from every Practitioner sharing `npi` and their roles (both sorted by id). A practice
 * location the feed does not place goes to its ZIP's centroid when a geocoder is given; only a
 * practitioner with no placeable location falls back to their own address. A role's specialties
 * and a practitioner's qualifications count only while their period runs on `today`. The profile
 * is as of its resources' latest `meta.lastUpdated`, else `today`.
 */
export function buildProfile(
  npi: string,
  practitioners: readonly Practitioner[],
  roles: readonly PractitionerRole[],
  index: PlanNetIndex,
  counters: ProfileCounters,
  options: BuildProfileOptions = {},
): DirectoryProfile {
  const { geocoder, today } = options;
  const name = practitioners.map(displayName).find((n) => n !== '') ?? npi;
  const taxonomyCodes = unique([
    ...roles
      .filter((r) => isCurrent(r.period, today))
      .flatMap((r) => codesIn(r.specialty, NUCC_SYSTEM)),
    ...practitioners.flatMap((p) =>
      codesIn(
        p.qualification?.filter((q) => isCurrent(q.period, today)).map((q) => q.code ?? {}),
        NUCC_SYSTEM,
      ),
    ),
  ]);
  const locations = roleLocations(roles, index, counters, geocoder);
  if (!locations.some((l) => l.position)) {
    const home = homeLocation(npi, name, practitioners);
    if (home) {
      locations.push(home);
      counters.homeLocations += 1;
    }
  }
  locations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const endpoints = roleEndpoints(roles, index, counters);
  const accepting = locations.map((l) => l.acceptingNewPatients);
  const asOf =
    lastUpdated([
      ...practitioners,
      ...roles,
      ...roles.flatMap((r) => resolved(r.location, 'Location', index.locations)),
      ...roles.flatMap((r) => resolved(r.healthcareService, 'HealthcareService', index.services)),
    ]) ?? today;
  return {
    npi,
    name,
    taxonomyCodes,
    locations,
    networkIds: unique(roles.flatMap((r) => networkReferences(r.extension))),
    languages: unique(practitioners.flatMap(languagesOf)),
    acceptingNewPatients: accepting.includes(true)
      ? true
      : accepting.includes(false)
        ? false
        : null,
    endpoints,
    preferredChannel: endpoints[0]?.channel ?? null,
    metrics: { waitDays: null, rating: null, loopClosureRate: null },
    active: practitioners.some((p) => p.active ?? true),
    source: 'plan-net',
    ...(asOf ? { provenance: singleSourceProvenance('plan-net', asOf) } : {}),
  };
}

/** The resources `refs` point at (of `type`), in order, those the feed has. */
function resolved<T>(
  refs: readonly { reference?: string | undefined }[] | undefined,
  type: string,
  byId: ReadonlyMap<string, T>,
): T[] {
  return (refs ?? []).flatMap((ref) => {
    const id = refId(ref, type);
    const found = id ? byId.get(id) : undefined;
    return found ? [found] : [];
  });
}

/** "Dr. Ann Lee": prefix, given names, family; else the name's text. */
export function displayName(p: Practitioner): string {
  for (const n of p.name ?? []) {
    const parts = [...(n.prefix ?? []), ...(n.given ?? []), n.family ?? ''].map((s) => s.trim());
    const joined = parts.filter((s) => s !== '').join(' ');
    if (joined) return joined;
    if (n.text?.trim()) return n.text.trim();
  }
  return '';
}

function languagesOf(p: Practitioner): string[] {
  return (p.communication ?? []).flatMap((c) => {
    const fromCodes = (c.coding ?? []).map((x) => normalizeLanguage(x.code ?? x.display));
    const found = fromCodes.filter((t): t is string => t !== null);
    if (found.length > 0) return found;
    const fromText = normalizeLanguage(c.text);
    return fromText ? [fromText] : [];
  });
}

function roleLocations(
  roles: readonly PractitionerRole[],
  index: PlanNetIndex,
  counters: ProfileCounters,
  geocoder: PostalCodeGeocoder | undefined,
): DirectoryLocation[] {
  const byId = new Map<string, DirectoryLocation>();
  for (const role of roles) {
    const roleAccepting = acceptingNewPatients(role.extension);
    const services = resolved(role.healthcareService, 'HealthcareService', index.services);
    for (const ref of role.location ?? []) {
      const id = refId(ref, 'Location');
      const loc = id ? index.locations.get(id) : undefined;
      if (!id || !loc) {
        counters.unresolvedLocations += 1;
        continue;
      }
      if (byId.has(id)) continue;
      // The most specific statement wins: the role's, then its services' offered here, then the
      // location's own.
      const offeredHere = services.filter(
        (s) => !s.location?.length || s.location.some((l) => refId(l, 'Location') === id),
      );
      const serviceAccepting = acceptingNewPatients(offeredHere.flatMap((s) => s.extension ?? []));
      const own = acceptingNewPatients(loc.extension);
      byId.set(id, toLocation(loc, roleAccepting ?? serviceAccepting ?? own, counters, geocoder));
    }
  }
  return [...byId.values()];
}

function toLocation(
  loc: Location,
  accepting: boolean | null,
  counters: ProfileCounters,
  geocoder: PostalCodeGeocoder | undefined,
): DirectoryLocation {
  const position = toGeoPoint(loc.position?.latitude, loc.position?.longitude);
  if (loc.position && !position) counters.placeholderPositions += 1;
  const a = loc.address;
  const postalCode = postalCode5(a?.postalCode);
  const centroid = position ? null : (geocoder?.locate(postalCode) ?? null);
  if (centroid) counters.geocodedLocations += 1;
  return {
    id: loc.id,
    name: loc.name?.trim() || a?.text?.trim() || loc.id,
    line: (a?.line ?? []).join(', '),
    city: a?.city ?? '',
    state: a?.state ?? '',
    postalCode,
    position: position ?? centroid?.position ?? null,
    ...(centroid ? { positionPrecision: centroid.precision } : {}),
    phone: telecom(loc, 'phone'),
    fax: telecom(loc, 'fax'),
    acceptingNewPatients: accepting,
  };
}

function homeLocation(npi: string, name: string, practitioners: readonly Practitioner[]) {
  for (const p of practitioners) {
    for (const a of p.address ?? []) {
      const position = addressPosition(a);
      if (!position) continue;
      const home: DirectoryLocation = {
        id: `${npi}-home`,
        name,
        line: (a.line ?? []).join(', '),
        city: a.city ?? '',
        state: a.state ?? '',
        postalCode: postalCode5(a.postalCode),
        position,
        phone: telecom(p, 'phone'),
        fax: telecom(p, 'fax'),
        acceptingNewPatients: null,
      };
      return home;
    }
  }
  return null;
}

function telecom(
  r: { telecom?: { system?: string | undefined; value?: string | undefined }[] | undefined },
  system: string,
): string | null {
  return r.telecom?.find((t) => t.system === system && t.value?.trim())?.value?.trim() ?? null;
}
