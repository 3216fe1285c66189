import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FhirResource, IngestIssue } from './fhir-types.js';
import { readFhir } from './read-fhir.js';
import { sharedDataPath } from './test-data.js';

async function collect(path: string, issues: IngestIssue[] = []): Promise<FhirResource[]> {
  const out: FhirResource[] = [];
  for await (const r of readFhir(path, { onIssue: (i) => issues.push(i) })) out.push(r);
  return out;
}

describe('readFhir', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-fhir-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('flattens a Bundle, nested Bundles included', async () => {
    const file = join(dir, 'bundle.json');
    const inner = {
      resourceType: 'Bundle',
      entry: [{ resource: { resourceType: 'Location', id: 'l1' } }],
    };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Practitioner', id: 'p1' } },
        { resource: inner },
        { fullUrl: 'urn:uuid:no-resource' },
      ],
    };
    await writeFile(file, JSON.stringify(bundle));
    const ids = (await collect(file)).map((r) => `${r.resourceType}/${r.id}`);
    expect(ids).toEqual(['Practitioner/p1', 'Location/l1']);
  });

  it('reads a single-resource JSON file', async () => {
    const file = join(dir, 'one.json');
    await writeFile(file, JSON.stringify({ resourceType: 'Endpoint', id: 'e1' }));
    expect((await collect(file)).map((r) => r.id)).toEqual(['e1']);
  });

  it('reports a malformed NDJSON line with its number, skips it and blank lines', async () => {
    const file = join(dir, 'mixed.ndjson');
    const lines = [
      JSON.stringify({ resourceType: 'Practitioner', id: 'a' }),
      '',
      '{"resourceType": "Location", "id": ',
      '   ',
      JSON.stringify({ id: 'no-type' }),
      JSON.stringify({ resourceType: 'Organization', id: 'b' }),
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const issues: IngestIssue[] = [];
    const ids = (await collect(file, issues)).map((r) => r.id);
    expect(ids).toEqual(['a', 'b']);
    expect(issues).toMatchObject([
      { kind: 'malformed-line', file, line: 3 },
      { kind: 'not-a-resource', file, line: 5 },
    ]);
    expect(issues[0]?.message).toContain(`${file}:3`);
  });

  it('reads a folder recursively in name order, ignoring other files', async () => {
    const folder = join(dir, 'folder');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(
      join(folder, 'b.ndjson'),
      `${JSON.stringify({ resourceType: 'Location', id: 'x' })}\n`,
    );
    await writeFile(join(folder, 'a.json'), JSON.stringify({ resourceType: 'Location', id: 'w' }));
    await writeFile(
      join(folder, 'sub', 'c.ndjson'),
      JSON.stringify({ resourceType: 'Location', id: 'z' }),
    );
    await writeFile(join(folder, 'notes.txt'), 'not FHIR');
    expect((await collect(folder)).map((r) => r.id)).toEqual(['w', 'x', 'z']);
  });

  it('fails clearly on a path that does not exist', async () => {
    await expect(collect(join(dir, 'missing.ndjson'))).rejects.toThrow(/FHIR input not found/);
  });

  it('parses the Plan-Net IG examples (49 resources of 8 types) without issues', async () => {
    const issues: IngestIssue[] = [];
    const resources = await collect(sharedDataPath('plan-net-ri/ig-examples.ndjson'), issues);
    const byType: Record<string, number> = {};
    for (const r of resources) byType[r.resourceType] = (byType[r.resourceType] ?? 0) + 1;
    expect(issues).toEqual([]);
    expect(resources).toHaveLength(49);
    expect(byType).toEqual({
      Endpoint: 1,
      HealthcareService: 10,
      InsurancePlan: 2,
      Location: 9,
      Organization: 11,
      OrganizationAffiliation: 7,
      Practitioner: 3,
      PractitionerRole: 6,
    });
  });
});
