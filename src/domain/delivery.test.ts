import { describe, expect, it } from 'vitest';
import { makeProfile } from '../../test/support/directory-index-contract.js';
import { deliveryOf } from './delivery.js';
import type { DirectoryEndpoint } from './directory.js';

const direct: DirectoryEndpoint = { channel: 'direct', address: 'dr@direct.example.org' };
const fhir: DirectoryEndpoint = { channel: 'fhir', address: 'https://fhir.example.org/r4' };
const withEndpoints = (
  endpoints: DirectoryEndpoint[],
  preferred: DirectoryEndpoint['channel'] | null,
) => makeProfile('1000000001', null, { endpoints, preferredChannel: preferred });

describe('deliveryOf', () => {
  it("sends to the preferred channel's endpoint, even when the location has a fax", () => {
    expect(deliveryOf(withEndpoints([direct, fhir], 'fhir'), '401-555-0100')).toEqual(fhir);
  });

  it('falls back to the first endpoint when the preferred channel has none, or none is preferred', () => {
    expect(deliveryOf(withEndpoints([direct, fhir], 'portal'), null)).toEqual(direct);
    expect(deliveryOf(withEndpoints([fhir, direct], null), null)).toEqual(fhir);
  });

  it("uses the location's fax only when the profile has no endpoint", () => {
    expect(deliveryOf(withEndpoints([], null), '401-555-0100')).toEqual({
      channel: 'fax',
      address: '401-555-0100',
    });
    expect(deliveryOf(withEndpoints([], 'fax'), '401-555-0100')?.channel).toBe('fax');
  });

  it('is null when there is no endpoint and no fax (an empty fax is none)', () => {
    expect(deliveryOf(withEndpoints([], null), null)).toBeNull();
    expect(deliveryOf(withEndpoints([], 'direct'), '')).toBeNull();
  });
});
