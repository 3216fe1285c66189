import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown> & { id: string; resourceType: string };
type Ref = { reference: string };

const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
const NEWPATIENTS = 'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients';
const NETWORK =
  'http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/network-reference';

/** The NPI whose record each change touches, by the drift kind it should cause. */
export interface DriftedNpis {
  network: string;
  acceptance: string;
  moved: string;
  endpoint: string;
  expired: string;
  dropped: string;
}

const tail = (ref: unknown): string =>
  String((ref as Ref | undefined)?.reference ?? '')
    .split('/')
    .at(-1) ?? '';
const newpatients = (code: string) => ({
  url: NEWPATIENTS,
  extension: [{ url: 'acceptingPatients', valueCodeableConcept: { coding: [{ code }] } }],
});
const acceptingCode = (r: Json | undefined) =>
  ((r?.extension as Json[] | undefined) ?? [])
    .filter((e) => e.url === NEWPATIENTS)
    .flatMap((e) => e.extension as Json[])
    .flatMap((e) => (e.valueCodeableConcept as { coding: { code: string }[] }).coding)[0]?.code;

/**
 * Writes a copy of the Plan-Net folder `from` into `to` with one change per drift kind, each to a
 * different practitioner: another network, a role-level newpatients that contradicts its service,
 * a practice location 11 km away, a new Direct endpoint, a qualification that ended in 2020, and
 * one practitioner dropped from the feed.
 */
export function writeDriftedPlanNet(from: string, to: string, today: string): DriftedNpis {
  const files = readdirSync(from).filter((f) => f.endsWith('.ndjson'));
  const read = (file: string): Json[] =>
    readFileSync(join(from, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Json);
  const byFile = new Map(files.map((f) => [f, read(f)]));
  const of = (file: string) => byFile.get(file) ?? [];
  const practitioners = new Map(of('Practitioner.ndjson').map((p) => [p.id, p]));
  const locations = new Map(of('Location.ndjson').map((l) => [l.id, l]));
  const services = new Map(of('HealthcareService.ndjson').map((s) => [s.id, s]));
  const npiOf = (p: Json | undefined) =>
    ((p?.identifier ?? []) as { system: string; value: string }[]).find(
      (i) => i.system === NPI_SYSTEM,
    )?.value ?? '';
  const roles = of('PractitionerRole.ndjson');
  const practitionerOf = (role: Json) => practitioners.get(tail(role.practitioner));
  const used = new Set<string>();
  const pick = (test: (role: Json) => boolean) => {
    const role = roles.find((r) => !used.has(r.id) && test(r));
    if (!role) throw new Error('no practitioner fits the change');
    used.add(role.id);
    return role;
  };

  const network = pick(
    (r) => (r.extension as Json[]).filter((e) => e.url === NETWORK).length === 1,
  );
  const networks = [
    ...new Set(roles.flatMap((r) => (r.extension as Json[]).map((e) => tail(e.valueReference)))),
  ];
  const current = tail((network.extension as Json[])[0]?.valueReference);
  network.extension = [
    {
      url: NETWORK,
      valueReference: { reference: `Organization/${networks.find((n) => n !== current)}` },
    },
  ];

  const acceptance = pick(() => true);
  const service = services.get(tail((acceptance.healthcareService as Ref[])[0]));
  acceptance.extension = [
    ...(acceptance.extension as Json[]),
    newpatients(acceptingCode(service) === 'newpt' ? 'nopt' : 'newpt'),
  ];

  const moved = pick((r) => {
    const loc = locations.get(tail((r.location as Ref[])[0]));
    const pos = loc?.position as { latitude: number; longitude: number } | undefined;
    return (r.location as Ref[]).length === 1 && pos !== undefined && pos.longitude > -80;
  });
  const home = locations.get(tail((moved.location as Ref[])[0])) as Json;
  const pos = home.position as { latitude: number; longitude: number };
  const movedLocation = {
    ...home,
    id: 'drift-moved-location',
    position: { ...pos, latitude: pos.latitude + 0.1 },
  };
  moved.location = [{ reference: 'Location/drift-moved-location' }];

  const endpoint = pick(() => true);
  endpoint.endpoint = [{ reference: 'Endpoint/drift-new-endpoint' }];
  const newEndpoint = {
    resourceType: 'Endpoint',
    id: 'drift-new-endpoint',
    status: 'active',
    connectionType: { code: 'direct-project' },
    address: 'mailto:drift.test@direct.example.org',
  };

  /** A qualification still current that no role specialty repeats: its expiry removes a code. */
  const expiring = (role: Json) => {
    const specialties = JSON.stringify(role.specialty);
    return ((practitionerOf(role)?.qualification as Json[] | undefined) ?? []).find(
      (q) =>
        !specialties.includes(JSON.stringify((q.code as { coding: Json[] }).coding[0]?.code)) &&
        String((q.period as { end?: string } | undefined)?.end ?? '9999') >= today,
    );
  };
  const expired = pick((r) => expiring(r) !== undefined);
  const expiredPractitioner = practitionerOf(expired) as Json;
  const qualification = expiring(expired) as Json;
  qualification.period = { start: '2015-01-01', end: '2020-01-01' };

  const dropped = pick(() => true);
  const droppedPractitioner = tail(dropped.practitioner);
  byFile.set(
    'PractitionerRole.ndjson',
    roles.filter((r) => r !== dropped),
  );
  byFile.set(
    'Practitioner.ndjson',
    of('Practitioner.ndjson').filter((p) => p.id !== droppedPractitioner),
  );
  byFile.set('Location.ndjson', [...of('Location.ndjson'), movedLocation]);
  byFile.set('Endpoint.ndjson', [...of('Endpoint.ndjson'), newEndpoint as Json]);

  for (const [file, resources] of byFile) {
    writeFileSync(join(to, file), `${resources.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
  return {
    network: npiOf(practitionerOf(network)),
    acceptance: npiOf(practitionerOf(acceptance)),
    moved: npiOf(practitionerOf(moved)),
    endpoint: npiOf(practitionerOf(endpoint)),
    expired: npiOf(expiredPractitioner),
    dropped: npiOf(practitioners.get(droppedPractitioner)),
  };
}
