import { describe, expect, it } from 'vitest';
import { type DirectoryImport, DriftKind } from '../../src/domain/index.js';
import { checkDirectory, directoryShift } from './directory-shift.js';
import { DriftThresholds } from './thresholds.js';

const t = DriftThresholds.parse({});
const zero = Object.fromEntries(DriftKind.options.map((k) => [k, 0])) as DirectoryImport['drift'];

const imported = (importId: string, drift: Partial<DirectoryImport['drift']>): DirectoryImport => ({
  importId,
  source: 'nppes',
  startedAt: '2026-02-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:10:00.000Z',
  records: 1000,
  inserted: 0,
  updated: 100,
  unchanged: 900,
  deactivated: 0,
  drift: { ...zero, ...drift },
});

const byId = (r: ReturnType<typeof directoryShift>, kind: DriftKind) => {
  const f = r.findings.find((x) => x.metric.id === `directory.${kind}`);
  if (!f) throw new Error(kind);
  return f;
};

describe('directoryShift', () => {
  it('judges each kind of the latest import as a share of the profiles', () => {
    const latest = imported('imp-2', {
      'network-dropped': 80,
      'acceptance-changed': 30,
      'location-moved': 30,
    });
    const r = directoryShift(latest, imported('imp-1', { 'network-dropped': 5 }), 1000, t);
    expect(byId(r, 'network-dropped').metric).toMatchObject({
      value: 0.08,
      n: 1000,
      status: 'fail',
    });
    expect(byId(r, 'network-dropped').alert).toBe(
      'Directory import imp-2 (nppes): network-dropped for 80 of 1000 profiles (0.080), over 0.050',
    );
    expect(byId(r, 'acceptance-changed').metric.status).toBe('pass');
    expect(byId(r, 'location-moved').metric.status).toBe('warn');
    expect(byId(r, 'location-moved').alert).toBeNull();
    expect(r.tables[0]?.rows.find((row) => row[0] === 'network-dropped')).toEqual([
      'network-dropped',
      80,
      0.08,
      5,
      0.005,
      0.05,
    ]);
  });

  it('raises nothing for an ordinary import', () => {
    const r = directoryShift(
      imported('imp-2', { 'network-dropped': 10, deactivated: 12 }),
      undefined,
      1000,
      t,
    );
    expect(r.findings.flatMap((f) => (f.alert ? [f.alert] : []))).toEqual([]);
    expect(r.notes.join(' ')).toContain('no import before it');
  });

  it('takes a threshold given for one kind and keeps the others', () => {
    const custom = DriftThresholds.parse({ directoryShare: { 'network-dropped': 0.1 } });
    expect(custom.directoryShare.deactivated).toBe(0.05);
    const r = directoryShift(imported('imp-2', { 'network-dropped': 80 }), undefined, 1000, custom);
    expect(byId(r, 'network-dropped').metric.status).toBe('warn');
    expect(byId(r, 'network-dropped').alert).toBeNull();
  });

  it('reports nothing to judge without an import', async () => {
    const r = await checkDirectory(
      {
        listImports: async () => [],
        counts: async () => ({ profiles: 0, active: 0, plans: 0, networks: 0 }),
      },
      t,
    );
    expect(r.findings.every((f) => f.metric.value === null && f.metric.status === 'info')).toBe(
      true,
    );
    expect(r.notes).toEqual(['No directory import is recorded: directory drift is not judged.']);
  });
});
