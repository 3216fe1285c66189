import { z } from 'zod';
import type { DirectoryProfile } from './directory.js';
import { distanceKm } from './geo.js';

/** What an import changed in a merged profile that matters to matching. */
export const DriftKind = z.enum([
  'network-added',
  'network-dropped',
  'acceptance-changed',
  'location-moved',
  'endpoint-changed',
  'qualification-expired',
  'deactivated',
  'reactivated',
]);
export type DriftKind = z.infer<typeof DriftKind>;

/** Short, PHI-free facts about one change (directory data only: ids, codes, channels, km). */
export const DriftDetail = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
);
export type DriftDetail = z.infer<typeof DriftDetail>;

export const DriftDraft = z.object({
  npi: z.string().regex(/^\d{10}$/),
  kind: DriftKind,
  detail: DriftDetail,
});
export type DriftDraft = z.infer<typeof DriftDraft>;

/** One recorded change, as stored with the import that made it. */
export const DirectoryDrift = DriftDraft.extend({
  id: z.number().int().positive(),
  importId: z.string().min(1),
  recordedAt: z.iso.datetime(),
});
export type DirectoryDrift = z.infer<typeof DirectoryDrift>;

export const DriftCounts = z.record(DriftKind, z.number().int().nonnegative());
export type DriftCounts = z.infer<typeof DriftCounts>;

/** Every kind at zero, plus what `drafts` counts. */
export function countDrift(drafts: Iterable<{ kind: DriftKind }>): DriftCounts {
  const counts = Object.fromEntries(DriftKind.options.map((k) => [k, 0])) as DriftCounts;
  for (const d of drafts) counts[d.kind] += 1;
  return counts;
}

/** Over this, a location that kept its id (or its nearest successor) has moved. */
export const MOVED_KM = 1;
const MAX_LISTED = 5;

const endpointKey = (e: DirectoryProfile['endpoints'][number]) =>
  `${e.channel}:${e.address.toLowerCase()}`;
const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
const km1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The drift between a merged profile before and after an import, one draft per network, location
 * and taxonomy concerned (a profile seen for the first time has no drift).
 */
export function driftBetween(before: DirectoryProfile, after: DirectoryProfile): DriftDraft[] {
  const npi = after.npi;
  const out: DriftDraft[] = [];
  const add = (kind: DriftKind, detail: DriftDetail) => out.push({ npi, kind, detail });

  for (const id of minus(after.networkIds, before.networkIds))
    add('network-added', { networkId: id });
  for (const id of minus(before.networkIds, after.networkIds))
    add('network-dropped', { networkId: id });

  const acceptance = new Map(before.locations.map((l) => [l.id, l.acceptingNewPatients]));
  const changedAt = after.locations
    .filter((l) => acceptance.has(l.id) && acceptance.get(l.id) !== l.acceptingNewPatients)
    .map((l) => l.id);
  if (before.acceptingNewPatients !== after.acceptingNewPatients || changedAt.length > 0) {
    add('acceptance-changed', {
      from: before.acceptingNewPatients,
      to: after.acceptingNewPatients,
      locations: changedAt.slice(0, MAX_LISTED),
    });
  }

  for (const moved of movedLocations(before, after)) add('location-moved', moved);

  const was = before.endpoints.map(endpointKey);
  const now = after.endpoints.map(endpointKey);
  const removed = minus(was, now);
  const added = minus(now, was);
  if (
    removed.length > 0 ||
    added.length > 0 ||
    before.preferredChannel !== after.preferredChannel
  ) {
    add('endpoint-changed', {
      removed: removed.slice(0, MAX_LISTED),
      added: added.slice(0, MAX_LISTED),
      preferredChannel: after.preferredChannel,
    });
  }

  for (const code of minus(before.taxonomyCodes, after.taxonomyCodes))
    add('qualification-expired', { taxonomy: code });

  if (before.active && !after.active) add('deactivated', {});
  if (!before.active && after.active) add('reactivated', {});
  return out;
}

/**
 * Each placed location of `before` against the same id in `after`, or else the nearest placed
 * location of `after` (ids change when addresses come from another source); none placed: no move.
 */
function movedLocations(before: DirectoryProfile, after: DirectoryProfile): DriftDetail[] {
  const placed = after.locations.filter((l) => l.position !== null);
  const out: DriftDetail[] = [];
  for (const old of before.locations) {
    if (!old.position) continue;
    const from = old.position;
    const same = placed.find((l) => l.id === old.id);
    const candidates = same ? [same] : placed;
    let nearest: { id: string; km: number } | null = null;
    for (const l of candidates) {
      if (!l.position) continue;
      const km = distanceKm(from, l.position);
      if (!nearest || km < nearest.km) nearest = { id: l.id, km };
    }
    if (nearest && nearest.km > MOVED_KM) {
      out.push({ locationId: old.id, to: nearest.id, km: km1(nearest.km) });
    }
  }
  return out;
}

/** One import as recorded: its source, when it ran, and what it did to the merged profiles. */
export const DirectoryImport = z.object({
  importId: z.string().min(1),
  source: z.string().min(1),
  startedAt: z.iso.datetime(),
  /** The last write of the import (its last batch, or the deactivation of what it no longer lists). */
  updatedAt: z.iso.datetime(),
  /** Source records written (one per NPI the feed listed). */
  records: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  deactivated: z.number().int().nonnegative(),
  drift: DriftCounts,
});
export type DirectoryImport = z.infer<typeof DirectoryImport>;

export const DRIFT_LIMIT_DEFAULT = 50;
export const DRIFT_LIMIT_MAX = 500;

/** The filters of a drift listing, from strings (a query string, CLI flags); invalid input is refused. */
export const DriftFilter = z.object({
  /** Import ids are lowercase: a UUID (`directory import`) or `generated-<seed>-<count>`. */
  importId: z
    .string()
    .max(128)
    .regex(/^[a-z0-9][a-z0-9_.:-]*$/)
    .optional(),
  kind: DriftKind.optional(),
  npi: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(DRIFT_LIMIT_MAX).default(DRIFT_LIMIT_DEFAULT),
  /** The `nextCursor` of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
});
export type DriftFilter = z.infer<typeof DriftFilter>;
