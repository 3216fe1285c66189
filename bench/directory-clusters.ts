/**
 * Closed clusters for the directory benchmark: around each centre, most practitioners' locations
 * are made closed to new patients or unreachable (no endpoint, no fax there) as they are imported,
 * so the repo, the index and the baseline all hold them. A search that filtered after taking the
 * nearest `limit` would come back short there; one that filters inside the query must reach past.
 */
import { hash32 } from '../retrieval/generate/prng.js';
import {
  type DirectoryLocation,
  type DirectoryProfile,
  type DirectoryRepo,
  distanceKm,
  type GeoPoint,
} from '../src/domain/index.js';

/** Shares of the practitioners inside a cluster: closed there, unreachable there, left as they are. */
const CLOSED_SHARE = 0.6;
const UNREACHABLE_SHARE = 0.3;

export interface ClusterOverlay {
  centres: readonly GeoPoint[];
  radiusKm: number;
  seed: number;
}

export interface ClusterSummary {
  /** Profiles written through the overlay. */
  scanned: number;
  closed: number;
  unreachable: number;
  /** Time spent laying the clusters over the profiles (inside the import's time). */
  ms: number;
}

function inCluster(o: ClusterOverlay, l: DirectoryLocation): boolean {
  const at = l.position;
  return at !== null && o.centres.some((c) => distanceKm(c, at) <= o.radiusKm);
}

/** The profile as the cluster leaves it, or null when it is not inside one or is left alone. */
export function clusterVersion(
  o: ClusterOverlay,
  p: DirectoryProfile,
): { kind: 'closed' | 'unreachable'; profile: DirectoryProfile } | null {
  const inside = new Set(p.locations.filter((l) => inCluster(o, l)).map((l) => l.id));
  if (inside.size === 0) return null;
  const roll = hash32(Number(p.npi.slice(1)), o.seed) / 2 ** 32;
  if (roll < CLOSED_SHARE) {
    const locations = p.locations.map((l) =>
      inside.has(l.id) ? { ...l, acceptingNewPatients: false } : l,
    );
    const everywhere = inside.size === p.locations.length;
    const acceptingNewPatients = everywhere ? false : p.acceptingNewPatients;
    return { kind: 'closed', profile: { ...p, acceptingNewPatients, locations } };
  }
  if (roll < CLOSED_SHARE + UNREACHABLE_SHARE) {
    const locations = p.locations.map((l) => (inside.has(l.id) ? { ...l, fax: null } : l));
    return {
      kind: 'unreachable',
      profile: { ...p, endpoints: [], preferredChannel: null, locations },
    };
  }
  return null;
}

/**
 * The repo with the clusters laid over every profile written to it, so the import (and the index
 * rebuilt from the repo) holds the clustered directory; `summary` counts what was changed.
 */
export function clusteredRepo(
  repo: DirectoryRepo,
  o: ClusterOverlay,
): { repo: DirectoryRepo; summary: ClusterSummary } {
  const summary: ClusterSummary = { scanned: 0, closed: 0, unreachable: 0, ms: 0 };
  const overlay = (p: DirectoryProfile): DirectoryProfile => {
    summary.scanned++;
    const next = clusterVersion(o, p);
    if (!next) return p;
    summary[next.kind]++;
    return next.profile;
  };
  const upsertProfiles: DirectoryRepo['upsertProfiles'] = (importId, profiles) => {
    const started = performance.now();
    const laid = profiles.map(overlay);
    summary.ms += performance.now() - started;
    return repo.upsertProfiles(importId, laid);
  };
  // Everything else goes to the repo itself, whatever the port grows.
  const wrapped = new Proxy(repo, {
    get: (target, key) => {
      if (key === 'upsertProfiles') return upsertProfiles;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { repo: wrapped, summary };
}
