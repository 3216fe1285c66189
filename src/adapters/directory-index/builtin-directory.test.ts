import { describe, expect, it } from 'vitest';
import { DirectoryProfile, isValidNpi } from '../../domain/index.js';
import { createBuiltinDirectory } from './builtin-directory.js';
import { builtinProfiles } from './builtin-profiles.js';

const providence = { lat: 41.824, lon: -71.4128 };

describe('builtin directory', () => {
  it('is deterministic, with unique valid NPIs and valid profiles', () => {
    const a = builtinProfiles();
    expect(builtinProfiles()).toEqual(a);
    expect(new Set(a.map((p) => p.npi)).size).toBe(a.length);
    expect(a.every((p) => isValidNpi(p.npi) && DirectoryProfile.safeParse(p).success)).toBe(true);
  });

  it('returns only the asked taxonomy within the radius, nearest first', async () => {
    const hits = await createBuiltinDirectory().search({
      taxonomies: ['207WX0107X'],
      near: providence,
      radiusKm: 30,
      limit: 10,
    });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.profile.taxonomyCodes.includes('207WX0107X'))).toBe(true);
    expect(hits.every((h) => h.distanceKm <= 30)).toBe(true);
    const distances = hits.map((h) => h.distanceKm);
    expect([...distances].sort((x, y) => x - y)).toEqual(distances);
  });

  it('filters by network when asked, and returns nothing for a taxonomy it does not hold', async () => {
    const index = createBuiltinDirectory();
    const inNetwork = await index.search({
      taxonomies: ['207WX0107X'],
      networkIds: ['net-medicare'],
      near: providence,
      radiusKm: 200,
      limit: 50,
    });
    expect(inNetwork.every((h) => h.profile.networkIds.includes('net-medicare'))).toBe(true);
    expect(
      await index.search({
        taxonomies: ['207N00000X'],
        near: providence,
        radiusKm: 500,
        limit: 10,
      }),
    ).toEqual([]);
  });
});
