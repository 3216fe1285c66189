import { describe, expect, it } from 'vitest';
import { directoryProfile } from '../../test/fixtures/directory.js';
import type { DirectoryLocation, DirectoryProfile, DirectorySource } from './directory.js';
import {
  mergeDirectoryRecords,
  type SourceFields,
  type SourceRecord,
  sourceOrder,
  sourceRecordOf,
} from './directory-merge.js';

const NPI = '1234567893';

const location = (over: Partial<DirectoryLocation> = {}): DirectoryLocation => ({
  id: 'loc-1',
  name: 'Clinic',
  line: '1 Main St',
  city: 'Providence',
  state: 'RI',
  postalCode: '02903',
  position: { lat: 41.83, lon: -71.41 },
  phone: null,
  fax: null,
  acceptingNewPatients: null,
  ...over,
});

/** The payer's record: networks, Direct endpoint, languages, accepting at its one location. */
const payer = (asOf = '2026-11-30', over: Partial<DirectoryProfile> = {}) =>
  record(
    'plan-net',
    asOf,
    directoryProfile(NPI, {
      name: 'Dr Payer Name',
      taxonomyCodes: ['207WX0107X'],
      locations: [location({ id: 'plannet-loc', acceptingNewPatients: true })],
      networkIds: ['net-a', 'net-b'],
      languages: ['en', 'es'],
      acceptingNewPatients: true,
      ...over,
    }),
  );

/** NPPES's record: registry name and taxonomy, a practice address, a fax, nothing else. */
const nppes = (asOf: string, over: Partial<DirectoryProfile> = {}) =>
  record(
    'nppes',
    asOf,
    directoryProfile(NPI, {
      name: 'JANE DOE, MD',
      taxonomyCodes: ['207W00000X'],
      locations: [
        location({
          id: `${NPI}-practice`,
          line: '1 MAIN ST.',
          position: { lat: 41.8, lon: -71.4 },
          positionPrecision: 'postal-code',
          fax: '401-555-0100',
        }),
      ],
      networkIds: [],
      languages: [],
      acceptingNewPatients: null,
      endpoints: [{ channel: 'fax', address: '401-555-0100' }],
      preferredChannel: null,
      metrics: { waitDays: null, rating: null, loopClosureRate: null },
      ...over,
    }),
  );

const generated = (asOf = '2026-12-01') =>
  record(
    'generated',
    asOf,
    directoryProfile(NPI, { name: 'Generated Name', networkIds: ['gen-net'], languages: ['pt'] }),
  );

function record(source: DirectorySource, asOf: string, profile: DirectoryProfile): SourceRecord {
  return sourceRecordOf({ ...profile, source }, asOf);
}

const manual = (fields: SourceFields, asOf = '2026-12-02'): SourceRecord => ({
  npi: NPI,
  source: 'manual',
  asOf,
  listed: true,
  fields,
});

const merge = (...records: SourceRecord[]) => {
  const merged = mergeDirectoryRecords(records);
  if (!merged) throw new Error('expected a merged profile');
  return merged;
};

describe('mergeDirectoryRecords', () => {
  it('a payer record alone is itself, with its provenance', () => {
    const alone = merge(payer());
    const { provenance, ...rest } = alone;
    const { provenance: _none, ...expected } = directoryProfile(NPI, {
      name: 'Dr Payer Name',
      locations: [location({ id: 'plannet-loc', acceptingNewPatients: true })],
      networkIds: ['net-a', 'net-b'],
      languages: ['en', 'es'],
    });
    expect(rest).toEqual(expected);
    expect(provenance?.networks).toEqual({ source: 'plan-net', asOf: '2026-11-30' });
  });

  it('NPPES older than the payer: everything from the payer, nothing in-network lost', () => {
    const merged = merge(payer(), nppes('2018-08-08'));
    expect(merged).toEqual(merge(payer()));
  });

  it('NPPES newer than the payer: identity, taxonomy and addresses from NPPES; the rest from the payer', () => {
    const merged = merge(payer(), nppes('2026-12-01'));
    expect(merged).toMatchObject({
      name: 'JANE DOE, MD',
      source: 'nppes',
      taxonomyCodes: ['207W00000X'],
      networkIds: ['net-a', 'net-b'],
      languages: ['en', 'es'],
      acceptingNewPatients: true,
      endpoints: [{ channel: 'direct', address: `dr${NPI}@direct.example.org` }],
      preferredChannel: 'direct',
    });
    // The NPPES address is the payer's location (same street and ZIP): it keeps its acceptance.
    expect(merged.locations).toEqual([
      expect.objectContaining({ id: `${NPI}-practice`, acceptingNewPatients: true }),
    ]);
    expect(merged.provenance).toEqual({
      identity: { source: 'nppes', asOf: '2026-12-01' },
      taxonomy: { source: 'nppes', asOf: '2026-12-01' },
      locations: { source: 'nppes', asOf: '2026-12-01' },
      networks: { source: 'plan-net', asOf: '2026-11-30' },
      acceptance: { source: 'plan-net', asOf: '2026-11-30' },
      endpoints: { source: 'plan-net', asOf: '2026-11-30' },
      languages: { source: 'plan-net', asOf: '2026-11-30' },
    });
  });

  it('a same-day NPPES record is not newer: the payer keeps identity', () => {
    expect(merge(payer('2026-11-30'), nppes('2026-11-30')).name).toBe('Dr Payer Name');
  });

  it('NPPES addresses the payer does not list take the payer profile-level acceptance', () => {
    const moved = nppes('2026-12-01', {
      locations: [location({ id: `${NPI}-practice`, line: '9 Elm St', postalCode: '02860' })],
    });
    const notAccepting = payer('2026-11-30', {
      acceptingNewPatients: false,
      locations: [location({ id: 'plannet-loc', acceptingNewPatients: false })],
    });
    expect(merge(notAccepting, moved).locations[0]?.acceptingNewPatients).toBe(false);
    // Same ZIP, another street line: the payer's location in that ZIP says.
    const sameZip = nppes('2026-12-01', {
      locations: [location({ id: `${NPI}-practice`, line: '200 Other Rd' })],
    });
    const split = payer('2026-11-30', {
      acceptingNewPatients: true,
      locations: [location({ id: 'plannet-loc', acceptingNewPatients: false })],
    });
    expect(merge(split, sameZip).locations[0]?.acceptingNewPatients).toBe(false);
  });

  it('merges the same whatever order the records come in', () => {
    const records = [payer(), nppes('2026-12-01'), generated(), manual({ languages: ['fr'] })];
    const forward = merge(...records);
    expect(merge(...[...records].reverse())).toEqual(forward);
  });

  it('a manual edit overrides every field it sets, and only those', () => {
    const merged = merge(
      payer(),
      nppes('2026-12-01'),
      manual({
        networkIds: ['net-c'],
        acceptingNewPatients: false,
        preferredChannel: 'fax',
      }),
    );
    expect(merged.networkIds).toEqual(['net-c']);
    expect(merged.acceptingNewPatients).toBe(false);
    // Its acceptance reaches every location, so the index's per-location filter agrees.
    expect(merged.locations.every((l) => l.acceptingNewPatients === false)).toBe(true);
    // The preferred channel is manual's, but no fax endpoint exists: the first endpoint's instead.
    expect(merged.preferredChannel).toBe('direct');
    expect(merged.name).toBe('JANE DOE, MD');
    expect(merged.languages).toEqual(['en', 'es']);
    expect(merged.provenance?.networks).toEqual({ source: 'manual', asOf: '2026-12-02' });
    expect(merged.provenance?.endpoints.source).toBe('manual');
    expect(merged.provenance?.languages.source).toBe('plan-net');
    expect(merge(payer(), manual({ active: false })).active).toBe(false);
    expect(merge({ ...payer(), listed: false }, manual({ active: true })).active).toBe(true);
  });

  it('generated data is the last resort: only where no real source says', () => {
    expect(merge(payer(), generated())).toEqual(merge(payer()));
    const withRegistry = merge(nppes('2018-08-08'), generated());
    expect(withRegistry).toMatchObject({
      name: 'JANE DOE, MD',
      taxonomyCodes: ['207W00000X'],
      endpoints: [{ channel: 'fax', address: '401-555-0100' }],
      // NPPES says nothing of networks or languages: the generator's stand.
      networkIds: ['gen-net'],
      languages: ['pt'],
    });
    expect(withRegistry.provenance?.networks.source).toBe('generated');
    expect(withRegistry.provenance?.identity.source).toBe('nppes');
  });

  it('a source that no longer lists the NPI gives nothing while another still does', () => {
    const dropped = { ...payer(), listed: false };
    const merged = merge(dropped, nppes('2018-08-08'));
    expect(merged).toMatchObject({ active: true, networkIds: [], name: 'JANE DOE, MD' });
    const gone = merge(dropped, { ...nppes('2018-08-08'), listed: false });
    expect(gone).toMatchObject({
      active: false,
      name: 'Dr Payer Name',
      networkIds: ['net-a', 'net-b'],
    });
  });

  it('an NPI the registry deactivated: inactive when newer than the payer record, else the payer stands', () => {
    const retired = (asOf: string) => nppes(asOf, { active: false });
    expect(merge(payer(), retired('2026-12-01')).active).toBe(false);
    expect(merge(payer(), retired('2018-08-08')).active).toBe(true);
    expect(merge(retired('2018-08-08')).active).toBe(false);
  });

  it('a lone manual edit without the required fields makes no profile', () => {
    expect(mergeDirectoryRecords([manual({ languages: ['fr'] })])).toBeNull();
    expect(mergeDirectoryRecords([])).toBeNull();
  });

  it('documents its order per field group', () => {
    expect(sourceOrder('networks', true)).toEqual(['plan-net', 'generated']);
    expect(sourceOrder('endpoints', true)).toEqual(['plan-net', 'nppes', 'generated']);
    expect(sourceOrder('identity', true)).toEqual(['nppes', 'plan-net', 'generated']);
    expect(sourceOrder('locations', false)).toEqual(['plan-net', 'nppes', 'generated']);
  });
});
