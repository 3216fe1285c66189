import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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
