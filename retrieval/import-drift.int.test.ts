import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStore } from '../src/adapters/store/index.js';
import type { DirectoryRepo, DriftKind } from '../src/domain/index.js';
import { type DriftedNpis, writeDriftedPlanNet } from '../test/support/drifted-plan-net.js';
import { postgresBackend, sqliteBackend } from '../test/support/store-backends.js';
import { type ImportSummary, importDirectory } from './import-directory.js';

const PLAN_NET = fileURLToPath(new URL('../../shared/data/plan-net-ri', import.meta.url));
const TODAY = '2026-12-03';

describe.each([sqliteBackend(), postgresBackend()])('drift on re-import ($name)', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'drifted-plan-net-'));
  let opened: OpenStore;
  let repo: DirectoryRepo;
  let npis: DriftedNpis;
  let drifted: ImportSummary;
  let restored: ImportSummary;
  const run = (path: string, importId: string) =>
    importDirectory({ path, importId, today: TODAY, repo });

  beforeAll(async () => {
    npis = writeDriftedPlanNet(PLAN_NET, dir, TODAY);
    opened = await backend.open();
    repo = opened.store.directory;
    await run(PLAN_NET, 'original');
    drifted = await run(dir, 'drifted');
    restored = await run(PLAN_NET, 'restored');
  }, 120_000);
  afterAll(async () => {
    await opened?.close();
    await backend.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts each kind of drift in the import summary', () => {
    expect(drifted).toMatchObject({ importId: 'drifted', updated: 5, deactivated: 1 });
    expect(drifted.drift).toEqual({
      'network-added': 1,
      'network-dropped': 1,
      'acceptance-changed': 1,
      'location-moved': 1,
      'endpoint-changed': 1,
      'qualification-expired': 1,
      deactivated: 1,
      reactivated: 0,
    });
  });

  it('records each on the practitioner it concerns, with short details', async () => {
    const kindsOf = async (npi: string) =>
      (await repo.listDrift({ importId: 'drifted', npi, limit: 10 })).items.map((d) => d.kind);
    const expected: Record<keyof DriftedNpis, DriftKind[]> = {
      network: ['network-dropped', 'network-added'],
      acceptance: ['acceptance-changed'],
      moved: ['location-moved'],
      endpoint: ['endpoint-changed'],
      expired: ['qualification-expired'],
      dropped: ['deactivated'],
    };
    for (const [key, kinds] of Object.entries(expected)) {
      expect(
        (await kindsOf(npis[key as keyof DriftedNpis])).sort(),
        `${key} ${npis[key as keyof DriftedNpis]}`,
      ).toEqual([...kinds].sort());
    }
    const [moved] = (
      await repo.listDrift({ importId: 'drifted', kind: 'location-moved', limit: 1 })
    ).items;
    expect(moved?.detail).toMatchObject({ to: 'drift-moved-location', km: 11.1 });
    const [endpoint] = (
      await repo.listDrift({ importId: 'drifted', kind: 'endpoint-changed', limit: 1 })
    ).items;
    expect(endpoint?.detail).toEqual({
      removed: [],
      added: ['direct:drift.test@direct.example.org'],
      preferredChannel: 'direct',
    });
  });

  it('restoring the feed reactivates and reverts, and lists the imports', async () => {
    expect(restored.drift).toMatchObject({
      reactivated: 1,
      deactivated: 0,
      'network-added': 1,
      'network-dropped': 1,
      'qualification-expired': 0,
    });
    expect((await repo.getProfile(npis.dropped))?.active).toBe(true);
    const imports = await repo.listImports(10);
    expect(imports.map((i) => i.importId).sort()).toEqual(['drifted', 'original', 'restored']);
    expect(imports.find((i) => i.importId === 'drifted')).toMatchObject({
      source: 'plan-net',
      deactivated: 1,
      drift: drifted.drift,
    });
  });
});
