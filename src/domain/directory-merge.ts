import { z } from 'zod';
import {
  type DirectoryLocation,
  DirectoryProfile,
  type DirectoryProvenance,
  DirectorySource,
  type FieldProvenance,
} from './directory.js';

/** What one source says about one NPI: every profile field for a feed, only what it overrides for `manual`. */
export const SourceFields = DirectoryProfile.omit({
  npi: true,
  source: true,
  provenance: true,
}).partial();
export type SourceFields = z.infer<typeof SourceFields>;

/** One source's record of one NPI, kept apart from the others' so a re-import never erases them. */
export const SourceRecord = z.object({
  npi: z.string().regex(/^\d{10}$/),
  source: DirectorySource,
  /** The feed's own last-updated date for the record when it has one, else the import date. */
  asOf: z.iso.date(),
  /** False once a later full import of the same source no longer lists the NPI. */
  listed: z.boolean(),
  fields: SourceFields,
});
export type SourceRecord = z.infer<typeof SourceRecord>;

export type FieldGroup = keyof DirectoryProvenance | 'metrics';
type Feed = Exclude<DirectorySource, 'manual'>;

/** The profile fields of each group: a group is taken whole from one source (a manual edit aside). */
const GROUP_FIELDS = {
  identity: ['name'],
  taxonomy: ['taxonomyCodes'],
  locations: ['locations'],
  networks: ['networkIds'],
  acceptance: ['acceptingNewPatients'],
  endpoints: ['endpoints', 'preferredChannel'],
  languages: ['languages'],
  metrics: ['metrics'],
} as const satisfies Record<FieldGroup, readonly (keyof SourceFields)[]>;

/** The groups a feed knows about: NPPES says nothing of networks, acceptance, languages or metrics. */
const SUPPLIES: Record<Feed, readonly FieldGroup[]> = {
  'plan-net': Object.keys(GROUP_FIELDS) as FieldGroup[],
  nppes: ['identity', 'taxonomy', 'locations', 'endpoints'],
  generated: Object.keys(GROUP_FIELDS) as FieldGroup[],
};

/** The payer's groups: what the payer says wins whenever it has the NPI (even an empty list). */
const PAYER_ORDER: readonly Feed[] = ['plan-net', 'nppes', 'generated'];

/**
 * The feed order for a group (a manual edit of any field of it goes first, always).
 *
 * | group                                   | order                                                    |
 * | --------------------------------------- | -------------------------------------------------------- |
 * | networks, acceptance, languages, metrics | plan-net → generated (NPPES does not know them)         |
 * | endpoints (+ preferred channel)          | plan-net → nppes (its fax) → generated                  |
 * | identity, taxonomy, locations            | nppes → plan-net when NPPES's record is strictly newer, |
 * |                                          | else plan-net → nppes; then generated                   |
 */
export function sourceOrder(group: FieldGroup, nppesIsNewer: boolean): Feed[] {
  const registry = group === 'identity' || group === 'taxonomy' || group === 'locations';
  const order: readonly Feed[] =
    registry && nppesIsNewer ? ['nppes', 'plan-net', 'generated'] : PAYER_ORDER;
  return order.filter((feed) => SUPPLIES[feed].includes(group));
}

/** A feed source's record of a whole profile (its provenance, when given, says as of when). */
export function sourceRecordOf(profile: DirectoryProfile, fallbackAsOf: string): SourceRecord {
  const { npi, source, provenance, ...fields } = profile;
  return {
    npi,
    source: DirectorySource.parse(source),
    asOf: provenance?.identity.asOf ?? fallbackAsOf,
    listed: true,
    fields,
  };
}

/** Every group from one source, as of one date: what an ingest attaches to the profiles it reads. */
export function singleSourceProvenance(source: DirectorySource, asOf: string): DirectoryProvenance {
  const p: FieldProvenance = { source, asOf };
  return {
    identity: p,
    taxonomy: p,
    locations: p,
    networks: p,
    acceptance: p,
    endpoints: p,
    languages: p,
  };
}

const has = (r: SourceRecord, group: FieldGroup) =>
  GROUP_FIELDS[group].some((f) => r.fields[f] !== undefined);

/**
 * Merges the records of one NPI into the profile readers see, field group by field group (the
 * order of `sourceOrder`; a manual edit overrides every field it sets). Only records their source
 * still lists take part, unless none does (then all do, and the profile is inactive). Returns null
 * when the records cannot make a valid profile (a lone manual edit that lacks required fields).
 *
 * Active: a manual edit's `active` when it sets one; else inactive when NPPES lists the NPI as
 * deactivated by the registry and that record is newer than the payer's (or there is no payer
 * record); else active while any listed record is active.
 *
 * Locations from one source and acceptance from another (NPPES addresses, payer acceptance): a
 * location takes the acceptance of the acceptance source's location at the same address (same
 * street line and ZIP, else same ZIP), else that source's profile-level acceptance.
 */
export function mergeDirectoryRecords(records: readonly SourceRecord[]): DirectoryProfile | null {
  const npi = records[0]?.npi;
  if (npi === undefined) return null;
  const listed = records.filter((r) => r.listed);
  const manual = listed.find((r) => r.source === 'manual');
  const listedFeeds = listed.filter((r) => r.source !== 'manual');
  const pool = listedFeeds.length > 0 ? listedFeeds : records.filter((r) => r.source !== 'manual');
  const bySource = new Map(pool.map((r) => [r.source as Feed, r]));
  const payer = bySource.get('plan-net');
  const nppes = bySource.get('nppes');
  const nppesIsNewer = nppes !== undefined && (payer === undefined || nppes.asOf > payer.asOf);

  const pick = (group: FieldGroup): SourceRecord | undefined => {
    if (manual && has(manual, group)) return manual;
    for (const feed of sourceOrder(group, nppesIsNewer)) {
      const r = bySource.get(feed);
      if (r && has(r, group)) return r;
    }
    return undefined;
  };
  const chosen = Object.fromEntries(
    (Object.keys(GROUP_FIELDS) as FieldGroup[]).map((g) => [g, pick(g)]),
  ) as Record<FieldGroup, SourceRecord | undefined>;
  /** A field: the manual edit's when it sets it, else the group's source's. */
  const field = <K extends keyof SourceFields>(group: FieldGroup, key: K): SourceFields[K] => {
    const m = manual?.fields[key];
    if (m !== undefined) return m;
    const fromFeed = (r: SourceRecord | undefined) => (r === manual ? undefined : r?.fields[key]);
    const own = fromFeed(chosen[group]);
    if (own !== undefined) return own;
    for (const feed of sourceOrder(group, nppesIsNewer)) {
      const v = bySource.get(feed)?.fields[key];
      if (v !== undefined) return v;
    }
    return undefined;
  };

  const endpoints = field('endpoints', 'endpoints') ?? [];
  const preferred = field('endpoints', 'preferredChannel') ?? null;
  const acceptanceFrom = chosen.acceptance;
  const locationsFrom = chosen.locations;
  const locations = withAcceptance(
    field('locations', 'locations') ?? [],
    locationsFrom,
    acceptanceFrom,
    field('acceptance', 'acceptingNewPatients') ?? null,
  );
  const provenanceOf = (group: FieldGroup): FieldProvenance => {
    const r = chosen[group] ?? chosen.identity ?? pool[0] ?? manual;
    return { source: r?.source ?? 'manual', asOf: r?.asOf ?? '1970-01-01' };
  };
  const provenance: DirectoryProvenance = {
    identity: provenanceOf('identity'),
    taxonomy: provenanceOf('taxonomy'),
    locations: provenanceOf('locations'),
    networks: provenanceOf('networks'),
    acceptance: provenanceOf('acceptance'),
    endpoints: provenanceOf('endpoints'),
    languages: provenanceOf('languages'),
  };
  const merged = DirectoryProfile.safeParse({
    npi,
    name: field('identity', 'name'),
    taxonomyCodes: field('taxonomy', 'taxonomyCodes'),
    locations,
    networkIds: field('networks', 'networkIds') ?? [],
    languages: field('languages', 'languages') ?? [],
    acceptingNewPatients: field('acceptance', 'acceptingNewPatients') ?? null,
    endpoints,
    preferredChannel:
      preferred === null || endpoints.some((e) => e.channel === preferred)
        ? preferred
        : (endpoints[0]?.channel ?? null),
    metrics: field('metrics', 'metrics') ?? {
      waitDays: null,
      rating: null,
      loopClosureRate: null,
    },
    active: isActive(listed, manual, payer, nppes),
    source: provenance.identity.source,
    provenance,
  });
  return merged.success ? merged.data : null;
}

/** Every field a feed record must set for `mergeLoneRecord` to take it as it is. */
const LONE_FIELDS = [
  'name',
  'taxonomyCodes',
  'locations',
  'networkIds',
  'languages',
  'acceptingNewPatients',
  'endpoints',
  'preferredChannel',
  'metrics',
  'active',
] as const satisfies readonly (keyof SourceFields)[];

/**
 * What `mergeDirectoryRecords([record])` returns, without re-validating: the profile of an NPI
 * that only `record` (parsed, listed, from a feed that supplies every group, every field set)
 * knows. Null when the record is not such a record (then merge it the general way). The profile
 * shares the record's field values.
 */
export function mergeLoneRecord(record: SourceRecord): DirectoryProfile | null {
  const f = record.fields;
  if (!record.listed || record.source === 'manual') return null;
  if (SUPPLIES[record.source].length !== Object.keys(GROUP_FIELDS).length) return null;
  if (LONE_FIELDS.some((k) => f[k] === undefined)) return null;
  const endpoints = f.endpoints ?? [];
  const preferred = f.preferredChannel ?? null;
  const p = (): FieldProvenance => ({ source: record.source, asOf: record.asOf });
  return {
    npi: record.npi,
    name: f.name ?? '',
    taxonomyCodes: f.taxonomyCodes ?? [],
    locations: [...(f.locations ?? [])],
    networkIds: f.networkIds ?? [],
    languages: f.languages ?? [],
    acceptingNewPatients: f.acceptingNewPatients ?? null,
    endpoints,
    preferredChannel:
      preferred === null || endpoints.some((e) => e.channel === preferred)
        ? preferred
        : (endpoints[0]?.channel ?? null),
    metrics: f.metrics ?? { waitDays: null, rating: null, loopClosureRate: null },
    active: f.active !== false,
    source: record.source,
    provenance: {
      identity: p(),
      taxonomy: p(),
      locations: p(),
      networks: p(),
      acceptance: p(),
      endpoints: p(),
      languages: p(),
    },
  };
}

function isActive(
  listed: readonly SourceRecord[],
  manual: SourceRecord | undefined,
  payer: SourceRecord | undefined,
  nppes: SourceRecord | undefined,
): boolean {
  if (manual?.fields.active !== undefined) return manual.fields.active;
  const feeds = listed.filter((r) => r.source !== 'manual');
  const registryRetired =
    nppes?.listed === true &&
    nppes.fields.active === false &&
    (payer?.listed !== true || nppes.asOf > payer.asOf);
  if (registryRetired) return false;
  return feeds.some((r) => r.fields.active !== false);
}

const normalizeLine = (line: string) =>
  line
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

/**
 * Locations carry the acceptance of the acceptance source, matched by address, when the two
 * groups come from different sources (and the locations are not a manual edit, which says its own).
 */
function withAcceptance(
  locations: readonly DirectoryLocation[],
  locationsFrom: SourceRecord | undefined,
  acceptanceFrom: SourceRecord | undefined,
  profileLevel: boolean | null,
): DirectoryLocation[] {
  if (!acceptanceFrom || acceptanceFrom === locationsFrom || locationsFrom?.source === 'manual') {
    return [...locations];
  }
  const theirs = acceptanceFrom.fields.locations ?? [];
  return locations.map((l) => {
    const sameAddress = theirs.find(
      (t) => t.postalCode === l.postalCode && normalizeLine(t.line) === normalizeLine(l.line),
    );
    const sameZip = theirs.find((t) => t.postalCode === l.postalCode && l.postalCode !== '');
    const match = sameAddress ?? sameZip;
    return { ...l, acceptingNewPatients: match ? match.acceptingNewPatients : profileLevel };
  });
}
