import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZipCentroidGeocoder } from '../src/adapters/geo/index.js';
import { type OpenStore, openStore } from '../src/adapters/store/index.js';
import { importDirectory } from './import-directory.js';

const data = (path: string) => fileURLToPath(new URL(`../../shared/data/${path}`, import.meta.url));
const TODAY = '2026-12-03';

describe('importDirectory (../shared/data, SQLite store)', () => {
  let opened: OpenStore;
  const dir = mkdtempSync(join(tmpdir(), 'directory-import-'));
  beforeAll(async () => {
    opened = await openStore({ kind: 'sqlite', path: join(dir, 'referrals.sqlite') });
  });
  afterAll(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the Plan-Net folder: profiles, plans with their networks, progress reported', async () => {
    const progress: number[] = [];
    const summary = await importDirectory({
      path: data('plan-net-ri'),
      importId: 'imp-1',
      today: TODAY,
      repo: opened.store.directory,
      onProgress: (phase, n) => phase === 'written' && progress.push(n),
    });
    expect(summary).toMatchObject({
      source: 'plan-net',
      inserted: summary.read,
      updated: 0,
      deactivated: 0,
    });
    expect(summary.read).toBeGreaterThanOrEqual(2000);
    expect(progress.at(-1)).toBe(summary.read);
    const counts = await opened.store.directory.counts();
    expect(counts).toMatchObject({
      profiles: summary.read,
      active: summary.read,
      plans: summary.plans,
    });
    expect(summary.plans).toBeGreaterThanOrEqual(30);
    const [first] = await opened.store.directory.listActive(null, 1);
    expect(first?.networkIds.length).toBeGreaterThan(0);
  });

  it('re-importing the same feed is idempotent', async () => {
    const again = await importDirectory({
      path: data('plan-net-ri'),
      importId: 'imp-2',
      today: TODAY,
      repo: opened.store.directory,
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0, deactivated: 0 });
    expect(again.unchanged).toBe(again.read);
  });

  it('a full feed that drops a practitioner deactivates it; a partial one does not', async () => {
    const [keep, drop] = await opened.store.directory.listActive(null, 2);
    if (!keep || !drop) throw new Error('expected imported profiles');
    const feed = join(dir, 'small.ndjson');
    const practitioner = (npi: string) =>
      JSON.stringify({
        resourceType: 'Practitioner',
        id: `p-${npi}`,
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: npi }],
        name: [{ family: 'Kept', given: ['Ana'] }],
      });
    const role = JSON.stringify({
      resourceType: 'PractitionerRole',
      id: 'role-keep',
      practitioner: { reference: `Practitioner/p-${keep.npi}` },
      specialty: [
        { coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '207WX0107X' }] },
      ],
    });
    writeFileSync(feed, `${practitioner(keep.npi)}\n${role}\n`);
    const partial = await importDirectory({
      path: feed,
      importId: 'imp-3',
      today: TODAY,
      repo: opened.store.directory,
      partial: true,
    });
    expect(partial.deactivated).toBe(0);
    const full = await importDirectory({
      path: feed,
      importId: 'imp-4',
      today: TODAY,
      repo: opened.store.directory,
    });
    expect(full.read).toBe(1);
    expect(full.deactivated).toBeGreaterThan(0);
    expect((await opened.store.directory.getProfile(drop.npi))?.active).toBe(false);
    expect((await opened.store.directory.getProfile(keep.npi))?.active).toBe(true);
  });

  it('imports the NPPES CSV as its own source', async () => {
    const summary = await importDirectory({
      path: data('pdex-plan-net-sample-data/sample-nppes-practitioner_20181204-data.csv'),
      importId: 'nppes-1',
      today: TODAY,
      repo: opened.store.directory,
    });
    expect(summary).toMatchObject({ source: 'nppes', read: 2000, deactivated: 0 });
    expect(summary.inserted + summary.updated).toBe(2000);
  });

  it('places NPPES practices at their ZIP centroid when given the geocoder', async () => {
    const summary = await importDirectory({
      path: data('pdex-plan-net-sample-data/sample-nppes-practitioner_20181204-data.csv'),
      importId: 'nppes-2',
      today: TODAY,
      repo: opened.store.directory,
      geocoder: createZipCentroidGeocoder(),
    });
    expect(summary).toMatchObject({ read: 2000, updated: 2000, deactivated: 0 });
    const precision: Record<string, number> = {};
    for (let after: string | null = null; ; ) {
      const page = await opened.store.directory.listActive(after, 500);
      for (const l of page.filter((p) => p.source === 'nppes').flatMap((p) => p.locations)) {
        const key = l.position ? (l.positionPrecision ?? 'exact') : 'none';
        precision[key] = (precision[key] ?? 0) + 1;
      }
      after = page.at(-1)?.npi ?? null;
      if (page.length < 500) break;
    }
    // 193 practices sit in ZIPs with no ZCTA (160 in 06030, UConn Health): prefix centroids.
    expect(precision).toEqual({ 'postal-code': 1807, 'postal-prefix': 193 });
    expect((await opened.store.directory.getProfile('1255334207'))?.locations[0]).toMatchObject({
      postalCode: '06105',
      position: { lat: 41.773262, lon: -72.704433 },
      positionPrecision: 'postal-code',
    });
  });
});
