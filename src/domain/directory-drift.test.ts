import { describe, expect, it } from 'vitest';
import { directoryProfile } from '../../test/fixtures/directory.js';
import type { DirectoryProfile } from './directory.js';
import { countDrift, DriftFilter, driftBetween } from './directory-drift.js';

const NPI = '1234567893';
const before = directoryProfile(NPI, {
  taxonomyCodes: ['207WX0107X', '207W00000X'],
  networkIds: ['net-a', 'net-b'],
});
const changed = (over: Partial<DirectoryProfile>) => ({ ...before, ...over });
const kinds = (a: DirectoryProfile) => driftBetween(before, a).map((d) => d.kind);

describe('driftBetween', () => {
  it('finds nothing between equal profiles', () => {
    expect(driftBetween(before, structuredClone(before))).toEqual([]);
  });

  it('one draft per network added or dropped, and per taxonomy removed', () => {
    expect(driftBetween(before, changed({ networkIds: ['net-b', 'net-c'] }))).toEqual([
      { npi: NPI, kind: 'network-added', detail: { networkId: 'net-c' } },
      { npi: NPI, kind: 'network-dropped', detail: { networkId: 'net-a' } },
    ]);
    expect(driftBetween(before, changed({ taxonomyCodes: ['207WX0107X'] }))).toEqual([
      { npi: NPI, kind: 'qualification-expired', detail: { taxonomy: '207W00000X' } },
    ]);
    expect(kinds(changed({ taxonomyCodes: ['207WX0107X', '207W00000X', '152W00000X'] }))).toEqual(
      [],
    );
  });

  it('acceptance changed at the profile or at a location it keeps', () => {
    expect(driftBetween(before, changed({ acceptingNewPatients: false }))).toEqual([
      {
        npi: NPI,
        kind: 'acceptance-changed',
        detail: { from: true, to: false, locations: [] },
      },
    ]);
    const [loc] = before.locations;
    if (!loc) throw new Error('fixture has a location');
    const closed = changed({ locations: [{ ...loc, acceptingNewPatients: false }] });
    expect(driftBetween(before, closed)[0]?.detail).toEqual({
      from: true,
      to: true,
      locations: [loc.id],
    });
  });

  it('a location moved more than 1 km, by id or else to its nearest successor', () => {
    const [loc] = before.locations;
    const at = loc?.position;
    if (!loc || !at) throw new Error('fixture has a placed location');
    const shifted = (lat: number, id = loc.id) => ({
      ...loc,
      id,
      position: { lat: at.lat + lat, lon: at.lon },
    });
    expect(kinds(changed({ locations: [shifted(0.005)] }))).toEqual([]);
    const moved = driftBetween(before, changed({ locations: [shifted(0.05)] }));
    expect(moved).toEqual([
      {
        npi: NPI,
        kind: 'location-moved',
        detail: { locationId: loc.id, to: loc.id, km: 5.6 },
      },
    ]);
    // New ids (addresses from another source): compared with the nearest new location.
    expect(kinds(changed({ locations: [shifted(0.001, 'npi-practice')] }))).toEqual([]);
    expect(kinds(changed({ locations: [shifted(0.2, 'npi-practice')] }))).toEqual([
      'location-moved',
    ]);
    // No placed location left: nothing to measure.
    expect(kinds(changed({ locations: [{ ...loc, position: null }] }))).toEqual([]);
  });

  it('an endpoint or the preferred channel changed', () => {
    const fax = changed({ endpoints: [{ channel: 'fax', address: '401-555-0100' }] });
    expect(driftBetween(before, fax)).toEqual([
      {
        npi: NPI,
        kind: 'endpoint-changed',
        detail: {
          removed: [`direct:dr${NPI}@direct.example.org`],
          added: ['fax:401-555-0100'],
          preferredChannel: 'direct',
        },
      },
    ]);
    // The same address in another case is the same endpoint.
    const upper = changed({
      endpoints: [{ channel: 'direct', address: `DR${NPI}@DIRECT.EXAMPLE.ORG` }],
    });
    expect(kinds(upper)).toEqual([]);
  });

  it('deactivated and reactivated', () => {
    expect(kinds(changed({ active: false }))).toEqual(['deactivated']);
    expect(driftBetween(changed({ active: false }), before).map((d) => d.kind)).toEqual([
      'reactivated',
    ]);
  });

  it('counts every kind, zero included', () => {
    const counts = countDrift(driftBetween(before, changed({ networkIds: [], active: false })));
    expect(counts).toMatchObject({ 'network-dropped': 2, deactivated: 1, reactivated: 0 });
    expect(Object.keys(counts)).toHaveLength(8);
  });
});

describe('DriftFilter', () => {
  it('defaults the limit, coerces strings, refuses what is not a filter', () => {
    expect(DriftFilter.parse({})).toEqual({ limit: 50 });
    expect(DriftFilter.parse({ limit: '10', cursor: '7', kind: 'deactivated' })).toEqual({
      limit: 10,
      cursor: 7,
      kind: 'deactivated',
    });
    for (const bad of [
      { limit: '0' },
      { limit: '501' },
      { limit: 'ten' },
      { kind: 'moved' },
      { npi: '123' },
      { cursor: '-1' },
      { importId: 'a b' },
      { importId: 'Upper-Case' },
    ]) {
      expect(DriftFilter.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
