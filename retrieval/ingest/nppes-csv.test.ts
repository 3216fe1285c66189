import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryProfile } from '../../src/domain/index.js';
import { splitCsvLine } from './csv.js';
import { type IngestIssue, Practitioner } from './fhir-types.js';
import { readNppesCsv } from './nppes-csv.js';
import { NPI_SYSTEM } from './plan-net-extensions.js';
import { readFhir } from './read-fhir.js';
import { sharedDataPath } from './test-data.js';

const CSV = 'pdex-plan-net-sample-data/sample-nppes-practitioner_20181204-data.csv';

async function readAll(path: string, issues: IngestIssue[] = []): Promise<DirectoryProfile[]> {
  const out: DirectoryProfile[] = [];
  for await (const p of readNppesCsv(path, { onIssue: (i) => issues.push(i) })) out.push(p);
  return out;
}

describe('readNppesCsv on the NPPES extract', () => {
  const issues: IngestIssue[] = [];
  let profiles: DirectoryProfile[] = [];
  let rawRows: Map<string, string[]>;
  let header: string[] = [];

  beforeAll(async () => {
    const path = sharedDataPath(CSV);
    profiles = await readAll(path, issues);
    const lines = (await readFile(path, 'utf8')).split(/\r?\n/).filter((l) => l !== '');
    header = splitCsvLine(lines[0] ?? '');
    rawRows = new Map(
      lines
        .slice(1)
        .map((l) => splitCsvLine(l))
        .map((f) => [f[0] ?? '', f]),
    );
  });

  it('yields 2,000 valid individual profiles without issues', () => {
    expect(issues).toEqual([]);
    expect(profiles).toHaveLength(2000);
    expect(new Set(profiles.map((p) => p.npi)).size).toBe(2000);
    expect(profiles.every((p) => p.source === 'nppes' && p.active)).toBe(true);
  });

  it("dates each profile by its row's Last Update Date (all before the 2018-12-04 extract)", () => {
    expect(profiles.find((p) => p.npi === '1255334207')?.provenance?.identity).toEqual({
      source: 'nppes',
      asOf: '2016-09-27',
    });
    const dates = profiles.map((p) => p.provenance?.taxonomy.asOf ?? '').sort();
    expect(dates[0]).toBe('2007-07-08');
    expect(dates.at(-1)).toBe('2018-11-07');
  });

  it('counts CT 926 / MA 856 / RI 218 by practice location', () => {
    const states: Record<string, number> = {};
    for (const p of profiles) {
      const state = p.locations[0]?.state ?? '';
      states[state] = (states[state] ?? 0) + 1;
    }
    expect(states).toEqual({ CT: 926, MA: 856, RI: 218 });
  });

  it('puts the primary taxonomy first (slot order when no slot says Y)', () => {
    const col = (name: string) => header.indexOf(name);
    let flagged = 0;
    for (const p of profiles) {
      const row = rawRows.get(p.npi) ?? [];
      const slots = Array.from({ length: 15 }, (_, k) => ({
        code: row[col(`Healthcare Provider Taxonomy Code_${k + 1}`)] ?? '',
        primary: row[col(`Healthcare Provider Primary Taxonomy Switch_${k + 1}`)] === 'Y',
      })).filter((s) => s.code !== '');
      const primary = slots.find((s) => s.primary);
      if (primary) flagged += 1;
      expect(p.taxonomyCodes[0]).toBe((primary ?? slots[0])?.code);
      expect(p.taxonomyCodes).toHaveLength(new Set(slots.map((s) => s.code)).size);
    }
    // 29 records answer the switch with 'X' (not answered) on every slot.
    expect(flagged).toBe(1971);
    // SOURCES.md says 156 distinct primaries: that is the Plan-Net role specialties. Honouring the
    // NPPES primary switch gives 166 (Plan-Net picked another code for 149 practitioners).
    expect(new Set(profiles.map((p) => p.taxonomyCodes[0])).size).toBe(166);
  });

  it('builds one practice location (ZIP cut to 5, no position) and a fax endpoint', () => {
    for (const p of profiles) {
      expect(p.locations).toHaveLength(1);
      const loc = p.locations[0];
      expect(loc?.id).toBe(`${p.npi}-practice`);
      expect(loc?.postalCode).toMatch(/^\d{5}$/);
      expect(loc?.position).toBeNull();
      expect(p.endpoints).toEqual(loc?.fax ? [{ channel: 'fax', address: loc.fax }] : []);
      expect(p.preferredChannel).toBeNull();
    }
    const first = profiles.find((p) => p.npi === '1255334207');
    expect(first?.name).toBe('RICHARD SOUCIER, MD');
    expect(first?.locations[0]).toMatchObject({ line: '114 WOODLAND ST', postalCode: '06105' });
  });

  it('matches plan-net-ri NPIs once Plan-Net’s "123" prefix rewrite is undone', async () => {
    const planNet = new Set<string>();
    for await (const r of readFhir(sharedDataPath('plan-net-ri/Practitioner.ndjson'))) {
      const npi = Practitioner.parse(r).identifier?.find((i) => i.system === NPI_SYSTEM)?.value;
      if (npi) planNet.add(npi);
    }
    expect(planNet.size).toBe(2000);
    const nppes = profiles.map((p) => p.npi);
    // Only 22 NPIs are literally shared; Plan-Net replaced the first three digits with "123".
    expect(nppes.filter((n) => planNet.has(n))).toHaveLength(22);
    expect(new Set(nppes.map((n) => `123${n.slice(3)}`))).toEqual(planNet);
  });
});
