import { beforeAll, describe, expect, it } from 'vitest';
import type { PostalCodeGeocoder } from '../../src/domain/index.js';
import {
  codesIn,
  type FhirResource,
  type IngestIssue,
  Location,
  PractitionerRole,
} from './fhir-types.js';
import { assemblePlanNet, type PlanNetDirectory } from './plan-net.js';
import {
  acceptingNewPatients,
  isUsCentroid,
  NUCC_SYSTEM,
  toGeoPoint,
} from './plan-net-extensions.js';
import { readFhir } from './read-fhir.js';
import { sharedDataPath } from './test-data.js';

const TYPES = ['Endpoint', 'HealthcareService', 'InsurancePlan', 'Location', 'Organization'];
const FILES = [...TYPES, 'OrganizationAffiliation', 'Practitioner', 'PractitionerRole'];

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

describe('assemblePlanNet on plan-net-ri (generated feed, IG examples left out)', () => {
  const raw: FhirResource[] = [];
  const issues: IngestIssue[] = [];
  const progress: number[] = [];
  let dir: PlanNetDirectory;
  const rawOf = (type: string) => raw.filter((r) => r.resourceType === type);
  const locations = () => rawOf('Location').map((r) => Location.parse(r));

  beforeAll(async () => {
    for (const name of FILES) {
      const path = sharedDataPath(`plan-net-ri/${name}.ndjson`);
      for await (const r of readFhir(path, { onIssue: (i) => issues.push(i) })) raw.push(r);
    }
    dir = await assemblePlanNet(each(raw), {
      onIssue: (i) => issues.push(i),
      onProgress: (n) => progress.push(n),
    });
  });

  it('builds one valid profile per practitioner NPI, ordered by NPI, without issues', () => {
    expect(issues).toEqual([]);
    expect(dir.profiles).toHaveLength(2000);
    const npis = dir.profiles.map((p) => p.npi);
    expect(new Set(npis).size).toBe(2000);
    expect([...npis].sort()).toEqual(npis);
    expect(dir.profiles.every((p) => p.source === 'plan-net' && p.active)).toBe(true);
    expect(progress.at(-1)).toBe(raw.length);
  });

  it('gives every profile a taxonomy and a known network', () => {
    const networkIds = new Set(dir.networks.map((n) => n.id));
    for (const p of dir.profiles) {
      expect(p.taxonomyCodes.length).toBeGreaterThan(0);
      expect(p.networkIds.length).toBeGreaterThan(0);
      for (const id of p.networkIds) expect(networkIds.has(id)).toBe(true);
    }
  });

  it('matches the language counts of SOURCES.md', () => {
    const counts: Record<string, number> = {};
    for (const p of dir.profiles) for (const l of p.languages) counts[l] = (counts[l] ?? 0) + 1;
    expect(counts).toEqual({ en: 2000, es: 368, zh: 311, pt: 311, vi: 248, ht: 229 });
  });

  it('never keeps a placeholder position, and falls back to the practitioner address', () => {
    const points = dir.profiles.flatMap((p) => p.locations.flatMap((l) => l.position ?? []));
    expect(points.some((g) => isUsCentroid(g.lat, g.lon) || (g.lat === 0 && g.lon === 0))).toBe(
      false,
    );
    // 211 roles point at a Location whose position is the US centroid; 191 of those
    // practitioners have a real address geolocation (→ `<npi>-home`), 20 have the centroid too.
    expect(dir.stats.placeholderPositions).toBe(211);
    expect(dir.stats.homeLocations).toBe(191);
    const located = dir.profiles.filter((p) => p.locations.some((l) => l.position));
    expect(located).toHaveLength(1980);
    const withHome = dir.profiles.filter((p) => p.locations.some((l) => l.id === `${p.npi}-home`));
    for (const p of withHome) expect(p.locations.filter((l) => l.position)).toHaveLength(1);
  });

  it('says accepting-new-patients where the feed does (its services agree with their locations)', () => {
    const byId = new Map(locations().map((l) => [l.id, l]));
    for (const p of dir.profiles) {
      for (const l of p.locations) {
        const source = byId.get(l.id);
        const expected = source ? acceptingNewPatients(source.extension) : null;
        expect(l.acceptingNewPatients).toBe(expected);
        expect(/^\d{5}$/.test(l.postalCode)).toBe(true);
      }
      const flags = p.locations.map((l) => l.acceptingNewPatients);
      expect(p.acceptingNewPatients).toBe(
        flags.includes(true) ? true : flags.includes(false) ? false : null,
      );
    }
    const withFlag = new Set(locations().filter((l) => acceptingNewPatients(l.extension) !== null));
    expect(withFlag.size).toBe(40);
  });

  it('links the Direct endpoint of each role organization', () => {
    for (const p of dir.profiles) {
      expect(p.endpoints.length).toBeGreaterThan(0);
      expect(p.endpoints[0]?.channel).toBe('direct');
      expect(p.endpoints[0]?.address).not.toMatch(/^mailto:/);
      expect(p.preferredChannel).toBe('direct');
    }
  });

  it('has the 30 insurance plans over the 13 networks', () => {
    const networkIds = new Set(dir.networks.map((n) => n.id));
    expect(dir.networks).toHaveLength(13);
    expect(dir.plans).toHaveLength(30);
    for (const plan of dir.plans) {
      expect(plan.ownerName).not.toBeNull();
      expect(plan.networkIds.length).toBeGreaterThan(0);
      for (const id of plan.networkIds) expect(networkIds.has(id)).toBe(true);
    }
  });

  it('finds as many primary Ophthalmology (207W00000X) profiles as roles with that specialty', () => {
    const roles = rawOf('PractitionerRole')
      .map((r) => PractitionerRole.parse(r))
      .filter((r) => codesIn(r.specialty, NUCC_SYSTEM).includes('207W00000X')).length;
    expect(roles).toBe(76);
    expect(dir.profiles.filter((p) => p.taxonomyCodes[0] === '207W00000X')).toHaveLength(roles);
    // One more practitioner lists 207W00000X only as a secondary qualification.
    expect(dir.profiles.filter((p) => p.taxonomyCodes.includes('207W00000X'))).toHaveLength(77);
  });

  it('is deterministic', async () => {
    const again = await assemblePlanNet(each(raw));
    expect(again.profiles).toEqual(dir.profiles);
    expect(again.plans).toEqual(dir.plans);
  });

  it('with a geocoder, places the unplaced practice locations at their ZIP instead of a home address', async () => {
    const asked: string[] = [];
    const centroid = (zip: string) => ({ lat: 41 + Number(zip) / 1e6, lon: -72 });
    const geocoder: PostalCodeGeocoder = {
      locate(zip) {
        asked.push(zip);
        return /^\d{5}$/.test(zip) ? { position: centroid(zip), precision: 'postal-code' } : null;
      },
    };
    const placed = await assemblePlanNet(each(raw), { geocoder });
    expect(placed.stats.placeholderPositions).toBe(211);
    // Every location the feed leaves unplaced has a placeholder position; the geocoder is asked
    // for those and nothing else.
    expect(asked).toHaveLength(211);
    expect(placed.stats.geocodedLocations).toBe(211);
    expect(placed.stats.homeLocations).toBe(0);
    expect(placed.profiles.filter((p) => p.locations.some((l) => l.position))).toHaveLength(2000);

    const before = new Map(dir.profiles.map((p) => [p.npi, p]));
    for (const p of placed.profiles) {
      const earlier = before.get(p.npi);
      for (const l of p.locations) {
        const was = earlier?.locations.find((e) => e.id === l.id);
        if (was?.position) {
          // The feed's own positions are kept, and stay exact.
          expect(l.position).toEqual(was.position);
          expect(l.positionPrecision).toBeUndefined();
        } else {
          expect(l.position).toEqual(centroid(l.postalCode));
          expect(l.positionPrecision).toBe('postal-code');
        }
      }
    }
  });

  it('with a geocoder that knows no ZIP, falls back to the practitioner address as before', async () => {
    const unknown = await assemblePlanNet(each(raw), { geocoder: { locate: () => null } });
    expect(unknown.profiles).toEqual(dir.profiles);
    expect(unknown.stats.geocodedLocations).toBe(0);
  });
});

describe('assemblePlanNet on the whole plan-net-ri folder', () => {
  it('adds the IG examples: three practitioners sharing NPI 9941339100 become one profile', async () => {
    const issues: IngestIssue[] = [];
    const onIssue = (i: IngestIssue) => issues.push(i);
    const dir = await assemblePlanNet(readFhir(sharedDataPath('plan-net-ri'), { onIssue }), {
      onIssue,
    });
    expect(issues).toEqual([]);
    expect(dir.profiles).toHaveLength(2001);
    expect(dir.plans).toHaveLength(32);
    expect(dir.networks).toHaveLength(15);
    expect(dir.stats.rolesWithoutPractitioner).toBe(3);
    const ig = dir.profiles.find((p) => p.npi === '9941339100');
    expect(ig?.languages).toEqual(['ru', 'ja']);
    expect(ig?.taxonomyCodes).toEqual(['101YP2500X', '207R00000X', '207RC0000X']);
  });
});

describe('assemblePlanNet edge cases', () => {
  const npi = (value: string) => [{ system: 'http://hl7.org/fhir/sid/us-npi', value }];

  it('reports and skips a profile that fails DirectoryProfile, with NPI and zod path', async () => {
    const issues: IngestIssue[] = [];
    const resources = [
      {
        resourceType: 'Practitioner',
        id: 'p1',
        identifier: npi('1234567893'),
        name: [{ text: 'A' }],
      },
      { resourceType: 'Practitioner', id: 'p2', identifier: npi('12345') },
      { resourceType: 'Practitioner', id: 'p3' },
    ];
    const dir = await assemblePlanNet(each(resources), { onIssue: (i) => issues.push(i) });
    expect(dir.profiles).toEqual([]);
    expect(dir.stats).toMatchObject({ invalidProfiles: 2, practitionersWithoutNpi: 1 });
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: 'invalid-record', npi: '1234567893', path: 'taxonomyCodes' }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ npi: '12345', path: 'npi' }));
  });

  it('maps the newpatients codes and rejects placeholder points', () => {
    const ext = (code: string) => [
      {
        url: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients',
        extension: [{ url: 'acceptingPatients', valueCodeableConcept: { coding: [{ code }] } }],
      },
    ];
    expect(acceptingNewPatients(ext('newpt'))).toBe(true);
    for (const code of ['nopt', 'existptonly', 'existptfam']) {
      expect(acceptingNewPatients(ext(code))).toBe(false);
    }
    expect(acceptingNewPatients(ext('other'))).toBeNull();
    expect(acceptingNewPatients(undefined)).toBeNull();
    expect(toGeoPoint(39.78373, -100.445882)).toBeNull();
    expect(toGeoPoint(0, 0)).toBeNull();
    expect(toGeoPoint(41.8, -71.4)).toEqual({ lat: 41.8, lon: -71.4 });
  });
});
