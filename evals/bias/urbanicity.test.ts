import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadZctaMap } from './urbanicity.js';

const DATA_ROOT = fileURLToPath(new URL('../../../shared/data', import.meta.url));

describe('urban or rural, from the density of Census ZCTA centroids', () => {
  const zcta = loadZctaMap(DATA_ROOT);

  it('calls city centres urban and small New England towns rural', () => {
    const boston = { lat: 42.3576, lon: -71.0514 };
    const providence = { lat: 41.8255, lon: -71.4102 };
    const norfolkCt = { lat: 42.0, lon: -73.2 };
    const athol = { lat: 42.59, lon: -72.23 };
    expect(zcta.urbanicity(boston)).toBe('urban');
    expect(zcta.urbanicity(providence)).toBe('urban');
    expect(zcta.urbanicity(norfolkCt)).toBe('rural');
    expect(zcta.urbanicity(athol)).toBe('rural');
    expect(zcta.density(boston)).toBeGreaterThan(20);
  });

  it('gives the nearest ZIP, and none far from any', () => {
    expect(zcta.nearestZip({ lat: 41.773262, lon: -72.704433 })).toBe('06105');
    expect(zcta.nearestZip({ lat: 15, lon: 3 })).toBeNull();
  });
});
