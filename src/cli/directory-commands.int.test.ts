import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDriftedPlanNet } from '../../test/support/drifted-plan-net.js';
import { openDirectoryIndex } from '../adapters/directory-index/index.js';
import { createZipCentroidGeocoder } from '../adapters/geo/index.js';
import { loadConfig } from '../config.js';
import { directoryCommand } from './directory-commands.js';

const NPPES = fileURLToPath(
  new URL(
    '../../../shared/data/pdex-plan-net-sample-data/sample-nppes-practitioner_20181204-data.csv',
    import.meta.url,
  ),
);

describe('referrals directory import (NPPES CSV)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'directory-cli-'));
  const config = loadConfig({ DATA_DIR: dir });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('geocodes practice ZIPs, so NPPES specialists can be found by distance', async () => {
    const lines: string[] = [];
    await directoryCommand(config, ['import', NPPES], {}, { out: (l) => lines.push(l) });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ source: 'nppes', read: 2000 });
    const opened = await openDirectoryIndex(config.directory.index);
    try {
      const hits = await opened.index.search({
        taxonomies: ['207RC0000X'],
        near: { lat: 41.773262, lon: -72.704433 },
        radiusKm: 5,
        limit: 50,
      });
      const soucier = hits.find((h) => h.profile.npi === '1255334207');
      expect(soucier?.distanceKm).toBeLessThan(0.1);
      expect(soucier?.profile.locations[0]?.positionPrecision).toBe('postal-code');
    } finally {
      opened.close();
    }
  });
});

const PLAN_NET = fileURLToPath(new URL('../../../shared/data/plan-net-ri', import.meta.url));

describe('referrals directory import (Plan-Net folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'directory-cli-'));
  const config = loadConfig({ DATA_DIR: dir });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('places a practice location the feed leaves unplaced at its ZIP, not at the practitioner address', async () => {
    const lines: string[] = [];
    await directoryCommand(config, ['import', PLAN_NET], {}, { out: (l) => lines.push(l) });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ source: 'plan-net', read: 2001 });
    // NPI 1230081441 practises at a Warwick, RI location whose position in the feed is the
    // US-centroid placeholder; the practitioner's own address is in Lincoln (02865).
    const warwick = createZipCentroidGeocoder().locate('02886');
    expect(warwick).not.toBeNull();
    const opened = await openDirectoryIndex(config.directory.index);
    try {
      const hits = await opened.index.search({
        taxonomies: ['2085N0904X'],
        near: warwick?.position ?? { lat: 0, lon: 0 },
        radiusKm: 5,
        limit: 50,
      });
      const hit = hits.find((h) => h.profile.npi === '1230081441');
      expect(hit?.locationId).toBe('plannet-location-1238762106');
      expect(hit?.distanceKm).toBeLessThan(0.1);
      const location = hit?.profile.locations.find((l) => l.id === hit.locationId);
      expect(location?.positionPrecision).toBe('postal-code');
      expect(hit?.profile.locations.some((l) => l.id.endsWith('-home'))).toBe(false);
    } finally {
      opened.close();
    }
  });
});

describe('referrals directory drift and imports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'directory-cli-'));
  const feed = mkdtempSync(join(tmpdir(), 'drifted-plan-net-'));
  const config = loadConfig({ DATA_DIR: dir });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(feed, { recursive: true, force: true });
  });
  const cli = async (args: string[], flags: Record<string, string | boolean> = {}) => {
    const lines: string[] = [];
    await directoryCommand(config, args, flags, { out: (l) => lines.push(l) });
    return lines;
  };

  it('prints drift counts after an import, then lists that drift, filtered, as text or JSON', async () => {
    const npis = writeDriftedPlanNet(PLAN_NET, feed, new Date().toISOString().slice(0, 10));
    await cli(['import', PLAN_NET]);
    const summary = JSON.parse((await cli(['import', feed])).join('\n'));
    expect(summary.drift).toMatchObject({ deactivated: 1, 'network-added': 1 });

    const page = JSON.parse(
      (await cli(['drift'], { import: summary.importId, json: true })).join('\n'),
    );
    expect(page.items.length).toBeGreaterThanOrEqual(7);
    expect(page.items.every((d: { importId: string }) => d.importId === summary.importId)).toBe(
      true,
    );
    expect(await cli(['drift'], { kind: 'deactivated', npi: npis.dropped })).toEqual([
      expect.stringMatching(
        new RegExp(` ${npis.dropped} deactivated .*import ${summary.importId}`),
      ),
    ]);
    const paged = await cli(['drift'], { import: summary.importId, limit: '2' });
    expect(paged).toHaveLength(3);
    expect(paged[2]).toMatch(/^more: --cursor \d+$/);

    const imports = JSON.parse((await cli(['imports'], { json: true })).join('\n'));
    expect(imports.data[0]).toMatchObject({ importId: summary.importId, source: 'plan-net' });
  });

  it('refuses a bad flag by name', async () => {
    await expect(cli(['drift'], { limit: 'ten' })).rejects.toThrow(/--limit/);
    await expect(cli(['drift'], { kind: 'moved' })).rejects.toThrow(/--kind/);
    await expect(cli(['drift'], { import: 'a b' })).rejects.toThrow(/--import/);
  });
});
