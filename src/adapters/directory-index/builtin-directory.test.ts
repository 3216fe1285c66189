import { describe, expect, it } from 'vitest';
import { distanceKm, isValidNpi } from '../../domain/index.js';
import { createBuiltinDirectory } from './builtin-directory.js';
import { builtinProfiles } from './builtin-profiles.js';

const providence = { lat: 41.824, lon: -71.4128 };

describe('builtin directory', () => {
  it('is deterministic, with unique valid NPIs', () => {
    const a = builtinProfiles();
    expect(builtinProfiles()).toEqual(a);
    expect(new Set(a.map((p) => p.npi)).size).toBe(a.length);
    expect(a.every((p) => isValidNpi(p.npi))).toBe(true);
  });

  it('returns only the asked taxonomy within the radius, nearest first', async () => {
    const found = await createBuiltinDirectory().search({
      taxonomies: ['207WX0107X'],
      near: providence,
      radiusKm: 30,
      limit: 10,
    });
    expect(found.length).toBeGreaterThan(0);
    const distances = found.map((p) =>
      Math.min(...p.locations.map((l) => distanceKm(providence, l.location))),
    );
    expect(found.every((p) => p.taxonomyCodes.includes('207WX0107X'))).toBe(true);
    expect(distances.every((d) => d <= 30)).toBe(true);
    expect([...distances].sort((x, y) => x - y)).toEqual(distances);
  });

  it('returns nothing for a taxonomy it does not hold', async () => {
    const found = await createBuiltinDirectory().search({
      taxonomies: ['207N00000X'],
      near: providence,
      radiusKm: 500,
      limit: 10,
    });
    expect(found).toEqual([]);
  });
});
