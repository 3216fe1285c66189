import type { DirectoryEndpoint, GeoPoint } from '../../src/domain/index.js';
import { type Address, type Endpoint, type Extension, refId } from './fhir-types.js';

const PLAN_NET = 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/';
export const NEWPATIENTS_URL = `${PLAN_NET}newpatients`;
export const NETWORK_REFERENCE_URL = `${PLAN_NET}network-reference`;
export const GEOLOCATION_URL = 'http://hl7.org/fhir/StructureDefinition/geolocation';
export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export const NUCC_SYSTEM = 'http://nucc.org/provider-taxonomy';

/** The geographic centre of the contiguous US, used by some feeds as "no coordinates". */
const US_CENTROID = { lat: 39.784, lon: -100.446 };
const PLACEHOLDER_TOLERANCE = 0.01;

/** A point, or null when it is missing, out of range, (0,0) or the US-centroid placeholder. */
export function toGeoPoint(lat: number | undefined, lon: number | undefined): GeoPoint | null {
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    return null;
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  if (lat === 0 && lon === 0) return null;
  if (isUsCentroid(lat, lon)) return null;
  return { lat, lon };
}

export function isUsCentroid(lat: number, lon: number): boolean {
  return (
    Math.abs(lat - US_CENTROID.lat) <= PLACEHOLDER_TOLERANCE &&
    Math.abs(lon - US_CENTROID.lon) <= PLACEHOLDER_TOLERANCE
  );
}

/** The `geolocation` extension of an address, when it holds a real point. */
export function addressPosition(address: Address | undefined): GeoPoint | null {
  const geo = address?.extension?.find((e) => e.url === GEOLOCATION_URL);
  const part = (url: string) => geo?.extension?.find((e) => e.url === url)?.valueDecimal;
  return toGeoPoint(part('latitude'), part('longitude'));
}

/**
 * Plan-Net `newpatients` → accepting a NEW patient: `newpt` is yes; `nopt`, `existptonly` and
 * `existptfam` are no; absent or unknown codes are null (the feed does not say).
 */
export function acceptingNewPatients(extensions: readonly Extension[] | undefined): boolean | null {
  const codes = (extensions ?? [])
    .filter((e) => e.url === NEWPATIENTS_URL)
    .flatMap((e) => e.extension ?? [])
    .filter((e) => e.url === 'acceptingPatients')
    .flatMap((e) => e.valueCodeableConcept?.coding ?? [])
    .map((c) => c.code);
  if (codes.includes('newpt')) return true;
  if (codes.some((c) => c === 'nopt' || c === 'existptonly' || c === 'existptfam')) return false;
  return null;
}

/** Organization ids of the `network-reference` extensions. */
export function networkReferences(extensions: readonly Extension[] | undefined): string[] {
  return (extensions ?? [])
    .filter((e) => e.url === NETWORK_REFERENCE_URL)
    .map((e) => refId(e.valueReference, 'Organization'))
    .filter((id): id is string => id !== null);
}

/** ZIP+4 (`064732129`, `06473-2129`) → the first five digits; anything else is kept trimmed. */
export function postalCode5(value: string | undefined): string {
  const text = (value ?? '').trim();
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(digits) || /^\d{5}$/.test(digits) ? digits.slice(0, 5) : text;
}

/** A delivery endpoint from a Plan-Net Endpoint: Direct (mailto:) or FHIR REST; else null. */
export function toDirectoryEndpoint(endpoint: Endpoint): DirectoryEndpoint | null {
  if (endpoint.status !== undefined && endpoint.status !== 'active') return null;
  const address = endpoint.address?.trim();
  if (!address) return null;
  const type = endpoint.connectionType?.code ?? '';
  if (type === 'direct-project' || /^mailto:/i.test(address)) {
    const bare = address.replace(/^mailto:/i, '');
    return bare ? { channel: 'direct', address: bare } : null;
  }
  if (type.startsWith('hl7-fhir') && /^https?:/i.test(address)) return { channel: 'fhir', address };
  return null;
}
