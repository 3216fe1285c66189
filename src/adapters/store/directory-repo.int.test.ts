import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryProfile } from '../../../test/fixtures/directory.js';
import {
  ManualClock,
  postgresBackend,
  sqliteBackend,
} from '../../../test/support/store-backends.js';
import {
  type DirectoryProfile,
  type SourceRecord,
  type Store,
  singleSourceProvenance,
} from '../../domain/index.js';
import type { OpenStore } from './open-store.js';

const TODAY = '2026-12-01';
const profile = (npi: string, over: Partial<DirectoryProfile> = {}) =>
  directoryProfile(npi, {
    endpoints: [],
    preferredChannel: null,
    acceptingNewPatients: null,
    metrics: { waitDays: null, rating: null, loopClosureRate: null },
    ...over,
  });
/** What the repo hands back for a lone source's profile: it, with that source's provenance. */
const stored = (p: DirectoryProfile, asOf = TODAY) => ({
  ...p,
  provenance: singleSourceProvenance(p.source as 'plan-net', asOf),
});

describe.each([sqliteBackend(), postgresBackend()])('directory repo ($name)', (backend) => {
  let opened: OpenStore;
  let store: Store;
  const clock = new ManualClock(`${TODAY}T09:00:00.000Z`);
  beforeAll(async () => {
    opened = await backend.open({ clock });
    store = opened.store;
  });
  afterAll(async () => {
    await opened?.close();
    await backend.cleanup();
  });

  it('inserts, then re-importing the same feed changes nothing', async () => {
    const feed = [profile('1000000001'), profile('1000000002')];
    expect(await store.directory.upsertProfiles('imp-1', feed)).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    clock.advance(86_400_000);
    expect(await store.directory.upsertProfiles('imp-2', feed)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await store.directory.deactivateUnseen('plan-net', 'imp-2')).toBe(0);
    // Undated by the feed: as of the import that first said it, kept while it says the same.
    expect(await store.directory.getProfile('1000000001')).toEqual(stored(profile('1000000001')));
  });

  it('updates what changed and deactivates what a re-imported feed dropped', async () => {
    const changed = profile('1000000001', { languages: ['en', 'es'] });
    expect(await store.directory.upsertProfiles('imp-3', [changed])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(await store.directory.deactivateUnseen('plan-net', 'imp-3')).toBe(1);
    expect((await store.directory.getProfile('1000000002'))?.active).toBe(false);
    expect((await store.directory.getProfile('1000000001'))?.languages).toEqual(['en', 'es']);
    expect((await store.directory.listActive(null, 10)).map((p) => p.npi)).toEqual(['1000000001']);
    expect((await store.directory.listDrift({ importId: 'imp-3', limit: 10 })).items).toEqual([
      expect.objectContaining({ npi: '1000000002', kind: 'deactivated', importId: 'imp-3' }),
    ]);
  });

  it('reactivates a profile that comes back, and leaves other sources alone', async () => {
    await store.directory.upsertProfiles('nppes-1', [profile('2000000001', { source: 'nppes' })]);
    expect(await store.directory.upsertProfiles('imp-4', [profile('1000000002')])).toMatchObject({
      updated: 1,
    });
    expect(await store.directory.deactivateUnseen('plan-net', 'imp-4')).toBe(1);
    expect((await store.directory.getProfile('2000000001'))?.active).toBe(true);
    expect(await store.directory.counts()).toMatchObject({ profiles: 3, active: 2 });
    expect(
      (await store.directory.listDrift({ npi: '1000000002', limit: 10 })).items.map((d) => d.kind),
    ).toEqual(['reactivated', 'deactivated']);
  });

  it('pages active profiles in NPI order', async () => {
    const more = ['3000000003', '3000000001', '3000000002'].map((n) => profile(n));
    await store.directory.upsertProfiles('imp-5', more);
    const first = await store.directory.listActive(null, 2);
    const next = await store.directory.listActive(first.at(-1)?.npi ?? null, 10);
    expect([...first, ...next].map((p) => p.npi)).toEqual([
      '1000000002',
      '2000000001',
      '3000000001',
      '3000000002',
      '3000000003',
    ]);
  });

  it('finds active profiles by a part of the name in any case, or by NPI; wildcards are text', async () => {
    await store.directory.upsertProfiles('imp-find', [
      profile('7100000001', { name: "Dr Ana O'Neil-Reyes" }),
      profile('7100000002', { name: 'DR ANA BELL' }),
      profile('7100000003', { name: 'Dr Ana Gone', active: false }),
      profile('7100000004', { name: 'Dr 100% Sure_Name' }),
    ]);
    const names = async (text: string) =>
      (await store.directory.findProfiles(text, 10)).map((p) => p.npi);
    expect(await names('ana ')).toEqual(['7100000002', '7100000001']);
    expect(await names("o'neil")).toEqual(['7100000001']);
    expect(await names('7100000002')).toEqual(['7100000002']);
    expect(await names('%')).toEqual(['7100000004']);
    expect(await names('_')).toEqual(['7100000004']);
    expect(await names('gone')).toEqual([]);
  });

  it('keeps plans and networks, replacing them on re-import', async () => {
    await store.directory.upsertNetworks([{ id: 'net-a', name: 'Network A' }]);
    await store.directory.upsertPlans([
      { id: 'plan-1', name: 'Gold', ownerName: 'Acme', networkIds: ['net-a'] },
    ]);
    await store.directory.upsertPlans([
      { id: 'plan-1', name: 'Gold', ownerName: 'Acme', networkIds: ['net-a', 'net-b'] },
    ]);
    expect(await store.directory.getPlan('plan-1')).toEqual({
      id: 'plan-1',
      name: 'Gold',
      ownerName: 'Acme',
      networkIds: ['net-a', 'net-b'],
    });
    expect(await store.directory.getPlan('nope')).toBeUndefined();
    expect(await store.directory.counts()).toMatchObject({ plans: 1, networks: 1 });
  });

  describe('sources merged field by field', () => {
    const NPI = '4000000001';
    const payer = profile(NPI, {
      networkIds: ['net-a'],
      endpoints: [{ channel: 'direct', address: 'lee@direct.example.org' }],
      preferredChannel: 'direct',
      provenance: singleSourceProvenance('plan-net', '2026-11-30'),
    });
    const registry = (asOf: string, over: Partial<DirectoryProfile> = {}) =>
      profile(NPI, {
        source: 'nppes',
        name: 'ANN LEE, MD',
        networkIds: [],
        languages: [],
        endpoints: [{ channel: 'fax', address: '401-555-0100' }],
        provenance: singleSourceProvenance('nppes', asOf),
        ...over,
      });

    it('an older NPPES record changes nothing the payer gave', async () => {
      await store.directory.upsertProfiles('pn-1', [payer]);
      expect(await store.directory.upsertProfiles('np-1', [registry('2018-08-08')])).toMatchObject({
        unchanged: 1,
      });
      expect(await store.directory.getProfile(NPI)).toEqual(payer);
      expect((await store.directory.getSourceRecords(NPI)).map((r) => r.source)).toEqual([
        'nppes',
        'plan-net',
      ]);
    });

    it('a newer NPPES record gives the name and address, never the networks or the endpoint', async () => {
      const moved = registry('2026-12-01', {
        locations: [
          {
            ...(payer.locations[0] as DirectoryProfile['locations'][number]),
            id: `${NPI}-practice`,
            position: { lat: 41.9, lon: -71.41 },
          },
        ],
      });
      expect(await store.directory.upsertProfiles('np-2', [moved])).toMatchObject({ updated: 1 });
      const merged = await store.directory.getProfile(NPI);
      expect(merged).toMatchObject({
        name: 'ANN LEE, MD',
        source: 'nppes',
        networkIds: ['net-a'],
        endpoints: payer.endpoints,
      });
      expect(merged?.provenance?.networks).toEqual({ source: 'plan-net', asOf: '2026-11-30' });
      const drift = await store.directory.listDrift({ importId: 'np-2', limit: 10 });
      expect(drift.items.map((d) => [d.kind, d.detail])).toEqual([
        ['location-moved', { locationId: `loc-${NPI}`, to: `${NPI}-practice`, km: 7.8 }],
      ]);
    });

    it('a manual edit overrides what it sets; withdrawing the payer drops its networks', async () => {
      const edit: SourceRecord = {
        npi: NPI,
        source: 'manual',
        asOf: TODAY,
        listed: true,
        fields: { acceptingNewPatients: false },
      };
      await store.directory.upsertSourceRecords('manual-1', [edit]);
      expect((await store.directory.getProfile(NPI))?.acceptingNewPatients).toBe(false);
      await store.directory.upsertProfiles('pn-2', [profile('4000000002')]);
      // The payer's next full feed no longer lists NPI: NPPES still does, so it stays active.
      await store.directory.deactivateUnseen('plan-net', 'pn-2');
      const after = await store.directory.getProfile(NPI);
      expect(after).toMatchObject({ active: true, networkIds: [], acceptingNewPatients: false });
      const kinds = (await store.directory.listDrift({ importId: 'pn-2', limit: 50 })).items
        .filter((d) => d.npi === NPI)
        .map((d) => d.kind);
      expect(kinds.sort()).toEqual(['endpoint-changed', 'network-dropped']);
    });

    it('lists drift newest first, filtered, by cursor; imports with their counts', async () => {
      const all = await store.directory.listDrift({ limit: 500 });
      const ids = all.items.map((d) => d.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      const first = await store.directory.listDrift({ limit: 2 });
      expect(first.items).toEqual(all.items.slice(0, 2));
      expect(first.nextCursor).toBe(all.items[1]?.id);
      const second = await store.directory.listDrift({ limit: 2, before: first.nextCursor ?? 0 });
      expect(second.items).toEqual(all.items.slice(2, 4));
      const dropped = await store.directory.listDrift({ kind: 'network-dropped', limit: 10 });
      expect(dropped.items.map((d) => [d.npi, d.detail])).toEqual([[NPI, { networkId: 'net-a' }]]);
      expect(dropped.nextCursor).toBeNull();

      expect(await store.directory.getImport('pn-2')).toMatchObject({
        importId: 'pn-2',
        source: 'plan-net',
        records: 1,
        inserted: 1,
        drift: expect.objectContaining({ 'network-dropped': 1, 'endpoint-changed': 1 }),
      });
      expect(await store.directory.getImport('nope')).toBeUndefined();
      const imports = await store.directory.listImports(100);
      expect(imports.map((i) => i.importId)).toContain('np-2');
    });

    it('refuses a profile whose source is not a directory source', async () => {
      await expect(
        store.directory.upsertProfiles('bad', [profile('5000000001', { source: 'fixture' })]),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await store.directory.getProfile('5000000001')).toBeUndefined();
    });
  });
});

describe.each([sqliteBackend(), postgresBackend()])(
  'directory sources migration ($name)',
  (backend) => {
    afterAll(() => backend.cleanup());

    it("makes each existing profile its source's record, so a later import keeps it", async () => {
      const first = await backend.open();
      await first.store.directory.upsertProfiles('old-1', [
        profile('6000000001', { networkIds: ['net-a'] }),
      ]);
      await first.close();
      const legacy = JSON.stringify(profile('6000000002', { source: 'fixture' }));
      await backend.raw([
        'DROP TABLE directory_source_records',
        'DROP TABLE directory_drift',
        'DROP TABLE directory_imports',
        'DROP TABLE referral_timers',
        'DROP TABLE consult_documents',
        'DROP TABLE hl7_messages',
        'DROP TABLE referral_parties',
        'DROP TABLE referral_outcomes',
        'DROP TABLE reconcile_cursors',
        'DROP TABLE referral_facts',
        'DROP INDEX coordinator_tasks_open_idx',
        'DROP INDEX referrals_practice_pending_idx',
        'DROP INDEX webhook_inbox_referral_idx',
        'DROP INDEX referral_transitions_referral_idx',
        "DELETE FROM kysely_migration WHERE name IN ('0005_directory_sources', '0006_loop_closure', '0007_referral_outcomes', '0008_reconcile_cursors', '0009_referral_facts', '0010_outcome_durations')",
        `INSERT INTO directory_profiles VALUES ('6000000002', 'fixture', 0, 'Dr X', 'h', '${legacy}', 'old-0', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')`,
      ]);
      const reopened = await backend.open();
      try {
        const directory = reopened.store.directory;
        expect(await directory.getSourceRecords('6000000002')).toEqual([
          expect.objectContaining({ source: 'generated', asOf: '2026-01-02', listed: false }),
        ]);
        expect((await directory.getSourceRecords('6000000001'))[0]?.source).toBe('plan-net');
        await directory.upsertProfiles('nppes-1', [
          profile('6000000001', { source: 'nppes', networkIds: [], endpoints: [] }),
        ]);
        expect((await directory.getProfile('6000000001'))?.networkIds).toEqual(['net-a']);
      } finally {
        await reopened.close();
      }
    });
  },
);
