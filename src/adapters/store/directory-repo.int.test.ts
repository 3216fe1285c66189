import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryProfile } from '../../../test/fixtures/directory.js';
import { postgresBackend, sqliteBackend } from '../../../test/support/store-backends.js';
import type { DirectoryProfile, Store } from '../../domain/index.js';
import type { OpenStore } from './open-store.js';

const profile = (npi: string, over: Partial<DirectoryProfile> = {}) =>
  directoryProfile(npi, {
    endpoints: [],
    preferredChannel: null,
    acceptingNewPatients: null,
    metrics: { waitDays: null, rating: null, loopClosureRate: null },
    ...over,
  });

describe.each([sqliteBackend(), postgresBackend()])('directory repo ($name)', (backend) => {
  let opened: OpenStore;
  let store: Store;
  beforeAll(async () => {
    opened = await backend.open();
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
    expect(await store.directory.upsertProfiles('imp-2', feed)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await store.directory.deactivateUnseen('plan-net', 'imp-2')).toBe(0);
    expect(await store.directory.getProfile('1000000001')).toEqual(feed[0]);
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
  });

  it('reactivates a profile that comes back, and leaves other sources alone', async () => {
    await store.directory.upsertProfiles('nppes-1', [profile('2000000001', { source: 'nppes' })]);
    expect(await store.directory.upsertProfiles('imp-4', [profile('1000000002')])).toMatchObject({
      updated: 1,
    });
    expect(await store.directory.deactivateUnseen('plan-net', 'imp-4')).toBe(1);
    expect((await store.directory.getProfile('2000000001'))?.active).toBe(true);
    expect(await store.directory.counts()).toMatchObject({ profiles: 3, active: 2 });
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
});
