import { describe, expect, it } from 'vitest';
import { distanceKm } from './geo.js';

describe('distanceKm', () => {
  it('is zero for the same point and symmetric', () => {
    const p = { lat: 41.82, lon: -71.41 };
    const q = { lat: 42.36, lon: -71.06 };
    expect(distanceKm(p, p)).toBe(0);
    expect(distanceKm(p, q)).toBeCloseTo(distanceKm(q, p), 9);
  });

  it('measures Providence to Boston at about 66.4 km', () => {
    expect(distanceKm({ lat: 41.824, lon: -71.4128 }, { lat: 42.3601, lon: -71.0589 })).toBeCloseTo(
      66.4,
      0,
    );
  });
});
