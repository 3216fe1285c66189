import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DirectoryProfile } from '../../src/domain/index.js';
import type { IngestIssue } from './fhir-types.js';
import { readNppesCsv } from './nppes-csv.js';
import { NPPES_COLUMNS } from './test-data.js';

async function readAll(path: string, issues: IngestIssue[] = []): Promise<DirectoryProfile[]> {
  const out: DirectoryProfile[] = [];
  for await (const p of readNppesCsv(path, { onIssue: (i) => issues.push(i) })) out.push(p);
  return out;
}

describe('readNppesCsv on a small file', () => {
  it('skips organizations, reports invalid rows, handles quotes and deactivation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ingest-nppes-'));
    try {
      const cols = [
        ...NPPES_COLUMNS,
        'Healthcare Provider Taxonomy Code_2',
        'Healthcare Provider Primary Taxonomy Switch_2',
      ];
      const row = (values: string[]) => values.map((v) => `"${v.replaceAll('"', '""')}"`).join(',');
      const lines = [
        row([...cols].reverse())
          .split(',')
          .reverse()
          .join(','),
        row([
          '1234567893',
          '1',
          'LEE',
          'ANN',
          'DR.',
          'M.D.',
          '1 MAIN ST, STE "B"',
          '',
          'X',
          'RI',
          '029053105',
          '4015550100',
          '',
          '01/01/2020',
          '',
          '207W00000X',
          'N',
          '207WX0107X',
          'Y',
        ]),
        row([
          '1234567894',
          '2',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ]),
        row([
          '12345',
          '1',
          'NO',
          'TAX',
          '',
          '',
          '2 ELM',
          '',
          'Y',
          'CT',
          '06101',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ]),
      ];
      const file = join(dir, 'n.csv');
      await writeFile(file, `${lines.join('\r\n')}\r\n`);
      const issues: IngestIssue[] = [];
      const out = await readAll(file, issues);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({
        npi: '1234567893',
        name: 'DR. ANN LEE, M.D.',
        taxonomyCodes: ['207WX0107X', '207W00000X'],
        active: false,
        endpoints: [],
      });
      expect(out[0]?.locations[0]).toMatchObject({
        line: '1 MAIN ST, STE "B"',
        postalCode: '02905',
      });
      expect(issues).toEqual([
        expect.objectContaining({ kind: 'invalid-record', npi: '12345', path: 'npi', line: 4 }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails clearly when the file or a needed column is missing', async () => {
    await expect(readAll('/nonexistent/nppes.csv')).rejects.toThrow(/NPPES CSV not found/);
    const dir = await mkdtemp(join(tmpdir(), 'ingest-nppes-'));
    try {
      await writeFile(join(dir, 'bad.csv'), '"NPI","Entity Type Code"\n"1234567893","1"\n');
      await expect(readAll(join(dir, 'bad.csv'))).rejects.toThrow(/lacks columns/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
