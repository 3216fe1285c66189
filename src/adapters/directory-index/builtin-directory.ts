import {
  type DirectoryQuery,
  distanceKm,
  type SpecialistDirectory,
  type SpecialistProfile,
} from '../../domain/index.js';
import { builtinProfiles } from './builtin-profiles.js';

/**
 * The embedded directory: an in-memory scan over the built-in profiles, filtered by taxonomy and
 * radius. The directory issue replaces it with the indexed Plan-Net import behind the same port.
 */
export function createBuiltinDirectory(
  profiles: readonly SpecialistProfile[] = builtinProfiles(),
): SpecialistDirectory {
  return {
    async search(query: DirectoryQuery) {
      const nearest = (p: SpecialistProfile) =>
        Math.min(...p.locations.map((l) => distanceKm(query.near, l.location)));
      return profiles
        .filter((p) => p.taxonomyCodes.some((t) => query.taxonomies.includes(t)))
        .map((p) => ({ p, d: nearest(p) }))
        .filter(({ d }) => d <= query.radiusKm)
        .sort((a, b) => a.d - b.d)
        .slice(0, query.limit)
        .map(({ p }) => p);
    },
  };
}
