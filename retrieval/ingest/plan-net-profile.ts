import type {
  DirectoryLocation,
  DirectoryProfile,
  PostalCodeGeocoder,
} from '../../src/domain/index.js';
import {
  codesIn,
  type Location,
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

/**
 * One profile from every Practitioner sharing `npi` and their roles (both sorted by id). A practice
 * location the feed does not place goes to its ZIP's centroid when a geocoder is given; only a
 * practitioner with no placeable location falls back to their own address.
 */
export function buildProfile(
  npi: string,
  practitioners: readonly Practitioner[],
  roles: readonly PractitionerRole[],
  index: PlanNetIndex,
  counters: ProfileCounters,
  geocoder?: PostalCodeGeocoder,
): DirectoryProfile {
  const name = practitioners.map(displayName).find((n) => n !== '') ?? npi;
  const taxonomyCodes = unique([
    ...roles.flatMap((r) => codesIn(r.specialty, NUCC_SYSTEM)),
    ...practitioners.flatMap((p) =>
      codesIn(
        p.qualification?.map((q) => q.code ?? {}),
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
  };
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
    for (const ref of role.location ?? []) {
      const id = refId(ref, 'Location');
      const loc = id ? index.locations.get(id) : undefined;
      if (!id || !loc) {
        counters.unresolvedLocations += 1;
        continue;
      }
      if (byId.has(id)) continue;
      const own = acceptingNewPatients(loc.extension);
      byId.set(id, toLocation(loc, own ?? roleAccepting, counters, geocoder));
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
