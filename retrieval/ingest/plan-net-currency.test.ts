import { describe, expect, it } from 'vitest';
import type { FhirResource } from './fhir-types.js';
import { assemblePlanNet } from './plan-net.js';
import { NEWPATIENTS_URL, NUCC_SYSTEM } from './plan-net-extensions.js';
import { readFhir } from './read-fhir.js';
import { sharedDataPath } from './test-data.js';

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const NPI = '1234567893';
const TODAY = '2026-12-03';
const nucc = (code: string) => ({ coding: [{ system: NUCC_SYSTEM, code }] });
const newpatients = (code: string) => [
  {
    url: NEWPATIENTS_URL,
    extension: [{ url: 'acceptingPatients', valueCodeableConcept: { coding: [{ code }] } }],
  },
];

function feed(o: {
  qualifications?: Array<{ code: string; end?: string }>;
  rolePeriodEnd?: string;
  role?: string;
  service?: string;
  location?: string;
  serviceAt?: string[];
}): FhirResource[] {
  return [
    {
      resourceType: 'Practitioner',
      id: 'p1',
      meta: { lastUpdated: '2026-11-30T10:00:00Z' },
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: NPI }],
      name: [{ family: 'Lee', given: ['Ann'] }],
      qualification: (o.qualifications ?? []).map((q) => ({
        code: nucc(q.code),
        ...(q.end ? { period: { start: '2020-01-01', end: q.end } } : {}),
      })),
    },
    {
      resourceType: 'PractitionerRole',
      id: 'r1',
      meta: { lastUpdated: '2026-10-01T00:00:00Z' },
      practitioner: { reference: 'Practitioner/p1' },
      specialty: [nucc('207WX0107X')],
      location: [{ reference: 'Location/l1' }],
      healthcareService: [{ reference: 'HealthcareService/hs1' }],
      ...(o.rolePeriodEnd ? { period: { end: o.rolePeriodEnd } } : {}),
      ...(o.role ? { extension: newpatients(o.role) } : {}),
    },
    {
      resourceType: 'HealthcareService',
      id: 'hs1',
      ...(o.serviceAt
        ? { location: o.serviceAt.map((id) => ({ reference: `Location/${id}` })) }
        : {}),
      ...(o.service ? { extension: newpatients(o.service) } : {}),
    },
    {
      resourceType: 'Location',
      id: 'l1',
      address: { line: ['1 Main St'], city: 'Providence', state: 'RI', postalCode: '02903' },
      position: { latitude: 41.82, longitude: -71.41 },
      ...(o.location ? { extension: newpatients(o.location) } : {}),
    },
  ];
}

const assemble = async (resources: FhirResource[], today: string | null = TODAY) => {
  const dir = await assemblePlanNet(each(resources), today ? { today } : {});
  return dir.profiles[0];
};

describe('Plan-Net qualifications count only while current', () => {
  it('an ended qualification gives no taxonomy; a current or open-ended one does', async () => {
    const profile = await assemble(
      feed({
        qualifications: [
          { code: '207W00000X', end: '2026-12-02' },
          { code: '152W00000X', end: TODAY },
          { code: '207RC0000X' },
        ],
      }),
    );
    expect(profile?.taxonomyCodes).toEqual(['207WX0107X', '152W00000X', '207RC0000X']);
  });

  it('a role whose period ended gives none of its specialties', async () => {
    const ended = await assemble(
      feed({ rolePeriodEnd: '2025-06-30', qualifications: [{ code: '152W00000X' }] }),
    );
    expect(ended?.taxonomyCodes).toEqual(['152W00000X']);
    // Nothing current at all: the profile is not valid, so it is not imported.
    expect(await assemble(feed({ rolePeriodEnd: '2025-06-30' }))).toBeUndefined();
  });

  it('without an import date, periods are not checked', async () => {
    const profile = await assemble(
      feed({ qualifications: [{ code: '207W00000X', end: '2020-12-31' }] }),
      null,
    );
    expect(profile?.taxonomyCodes).toEqual(['207WX0107X', '207W00000X']);
  });

  it('is as of the latest lastUpdated of its resources, else the import date', async () => {
    expect((await assemble(feed({})))?.provenance?.identity).toEqual({
      source: 'plan-net',
      asOf: '2026-11-30',
    });
    const undated = feed({}).map(({ meta: _meta, ...r }) => r as FhirResource);
    expect((await assemble(undated))?.provenance?.networks.asOf).toBe(TODAY);
    expect((await assemble(undated, null))?.provenance).toBeUndefined();
  });
});

describe('Plan-Net newpatients: the most specific resource says', () => {
  const accepting = async (o: Parameters<typeof feed>[0]) => {
    const profile = await assemble(feed(o));
    return {
      location: profile?.locations[0]?.acceptingNewPatients,
      profile: profile?.acceptingNewPatients,
    };
  };

  it('read from each of PractitionerRole, HealthcareService and Location', async () => {
    expect(await accepting({ role: 'newpt' })).toEqual({ location: true, profile: true });
    expect(await accepting({ service: 'existptonly' })).toEqual({
      location: false,
      profile: false,
    });
    expect(await accepting({ location: 'existptfam' })).toEqual({
      location: false,
      profile: false,
    });
    expect(await accepting({})).toEqual({ location: null, profile: null });
  });

  it('conflicting values: role over service over location', async () => {
    expect(await accepting({ role: 'newpt', service: 'nopt', location: 'nopt' })).toMatchObject({
      location: true,
    });
    expect(await accepting({ role: 'nopt', service: 'newpt', location: 'newpt' })).toMatchObject({
      location: false,
    });
    expect(await accepting({ service: 'newpt', location: 'nopt' })).toMatchObject({
      location: true,
    });
    expect(await accepting({ service: 'nopt', location: 'newpt' })).toMatchObject({
      location: false,
    });
  });

  it('a service speaks only for the locations it is offered at', async () => {
    expect(
      await accepting({ service: 'nopt', location: 'newpt', serviceAt: ['l2'] }),
    ).toMatchObject({
      location: true,
    });
    expect(
      await accepting({ service: 'nopt', location: 'newpt', serviceAt: ['l1'] }),
    ).toMatchObject({
      location: false,
    });
  });

  it('in plan-net-ri the extension sits on HealthcareService and Location only, never on a role', async () => {
    const counts: Record<string, number> = {};
    for await (const r of readFhir(sharedDataPath('plan-net-ri'))) {
      const ext = (r as { extension?: { url: string }[] }).extension ?? [];
      if (ext.some((e) => e.url === NEWPATIENTS_URL))
        counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
    }
    expect(counts).toEqual({ HealthcareService: 159, Location: 45 });
  });
});
