import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  type DirectoryLocation,
  type DirectoryProfile,
  type PostalCodeGeocoder,
  singleSourceProvenance,
} from '../../src/domain/index.js';
import { readCsvRecords } from './csv.js';
import type { OnIssue } from './fhir-types.js';
import { postalCode5 } from './plan-net-extensions.js';
import { unique, validProfile } from './validate.js';

export interface ReadNppesOptions {
  onIssue?: OnIssue;
  /** Called with the number of data rows read so far (every 1,000). */
  onProgress?(n: number): void;
  /** Gives practice locations their ZIP's approximate position; without one they have none. */
  geocoder?: PostalCodeGeocoder;
  /** The import date (ISO, from the caller): a row without a `Last Update Date` is as of it. */
  today?: string;
}

const COLUMNS = {
  npi: 'NPI',
  entityType: 'Entity Type Code',
  last: 'Provider Last Name (Legal Name)',
  first: 'Provider First Name',
  prefix: 'Provider Name Prefix Text',
  credential: 'Provider Credential Text',
  line1: 'Provider First Line Business Practice Location Address',
  line2: 'Provider Second Line Business Practice Location Address',
  city: 'Provider Business Practice Location Address City Name',
  state: 'Provider Business Practice Location Address State Name',
  postalCode: 'Provider Business Practice Location Address Postal Code',
  phone: 'Provider Business Practice Location Address Telephone Number',
  fax: 'Provider Business Practice Location Address Fax Number',
  deactivated: 'NPI Deactivation Date',
  reactivated: 'NPI Reactivation Date',
} as const;
/** Optional: the row's own date, when the file has the column (MM/DD/YYYY). */
const LAST_UPDATE = 'Last Update Date';
const TAXONOMY_SLOTS = 15;
type Column = keyof typeof COLUMNS;

/**
 * Yields one DirectoryProfile per individual (entity type 1) of an NPPES full-layout CSV. Columns
 * are found by header name; rows that fail `DirectoryProfile` are reported and skipped.
 */
export async function* readNppesCsv(
  path: string | URL,
  options: ReadNppesOptions = {},
): AsyncGenerator<DirectoryProfile> {
  const file = typeof path === 'string' ? path : fileURLToPath(path);
  if (!(await stat(file).catch(() => null))?.isFile())
    throw new Error(`NPPES CSV not found: ${file}`);
  let header: Map<string, number> | null = null;
  let rows = 0;
  for await (const record of readCsvRecords(file)) {
    if (!header) {
      header = new Map(record.fields.map((name, i) => [name.trim(), i]));
      const missing = Object.values(COLUMNS).filter((name) => !header?.has(name));
      if (missing.length > 0)
        throw new Error(`NPPES CSV ${file} lacks columns: ${missing.join(', ')}`);
      continue;
    }
    rows += 1;
    if (rows % 1000 === 0) options.onProgress?.(rows);
    const cols = header;
    const get = (column: Column) => cell(record.fields, cols.get(COLUMNS[column]));
    if (get('entityType') !== '1') continue;
    const candidate = toProfile(get, record.fields, cols, options.geocoder);
    const asOf = isoDate(cell(record.fields, cols.get(LAST_UPDATE))) ?? options.today;
    if (asOf) candidate.provenance = singleSourceProvenance('nppes', asOf);
    const profile = validProfile(candidate, options.onIssue, { file, line: record.line });
    if (profile) yield profile;
  }
}

/** NPPES dates are MM/DD/YYYY; ISO dates pass; anything else is null. */
function isoDate(text: string): string | null {
  const us = /^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\/(\d{4})$/.exec(text);
  if (us) return `${us[3]}-${us[1]}-${us[2]}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

function cell(fields: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '').trim();
}

function toProfile(
  get: (column: Column) => string,
  fields: readonly string[],
  header: ReadonlyMap<string, number>,
  geocoder: PostalCodeGeocoder | undefined,
): DirectoryProfile {
  const npi = get('npi');
  const person = [get('prefix'), get('first'), get('last')].filter((s) => s !== '').join(' ');
  const credential = get('credential');
  const name = credential && person ? `${person}, ${credential}` : person;
  const fax = get('fax') || null;
  const postalCode = postalCode5(get('postalCode'));
  const location: DirectoryLocation = {
    id: `${npi}-practice`,
    name: name || npi,
    line: [get('line1'), get('line2')].filter((s) => s !== '').join(', '),
    city: get('city'),
    state: get('state'),
    postalCode,
    position: null,
    phone: get('phone') || null,
    fax,
    acceptingNewPatients: null,
    ...practicePosition(postalCode, geocoder),
  };
  const deactivated = get('deactivated') !== '' && get('reactivated') === '';
  return {
    npi,
    name,
    taxonomyCodes: taxonomyCodes(fields, header),
    locations: location.line || location.city ? [location] : [],
    networkIds: [],
    languages: [],
    acceptingNewPatients: null,
    endpoints: fax ? [{ channel: 'fax', address: fax }] : [],
    preferredChannel: null,
    metrics: { waitDays: null, rating: null, loopClosureRate: null },
    active: !deactivated,
    source: 'nppes',
  };
}

/** The ZIP's approximate position, marked so, when a geocoder is given and knows the ZIP. */
function practicePosition(postalCode: string, geocoder: PostalCodeGeocoder | undefined) {
  const found = geocoder?.locate(postalCode);
  return found ? { position: found.position, positionPrecision: found.precision } : {};
}

/** Taxonomy slots 1..15, the one flagged primary (`Y`) first, then the rest in slot order. */
function taxonomyCodes(fields: readonly string[], header: ReadonlyMap<string, number>): string[] {
  const primary: string[] = [];
  const rest: string[] = [];
  for (let n = 1; n <= TAXONOMY_SLOTS; n += 1) {
    const code = cell(fields, header.get(`Healthcare Provider Taxonomy Code_${n}`)).toUpperCase();
    if (!code) continue;
    const flag = cell(fields, header.get(`Healthcare Provider Primary Taxonomy Switch_${n}`));
    (flag.toUpperCase() === 'Y' ? primary : rest).push(code);
  }
  return unique([...primary, ...rest]);
}
