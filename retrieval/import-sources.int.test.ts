import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStore } from '../src/adapters/store/index.js';
import type { DirectoryProfile, DirectoryRepo } from '../src/domain/index.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
} from '../test/support/store-backends.js';
import { importDirectory } from './import-directory.js';
import { readNppesCsv } from './ingest/index.js';

const data = (path: string) => fileURLToPath(new URL(`../../shared/data/${path}`, import.meta.url));
const PLAN_NET = data('plan-net-ri');
const NPPES = data('pdex-plan-net-sample-data/sample-nppes-practitioner_20181204-data.csv');
const TODAY = '2026-12-03';

async function allActive(repo: DirectoryRepo): Promise<DirectoryProfile[]> {
  const out: DirectoryProfile[] = [];
  for (let after: string | null = null; ; ) {
    const page = await repo.listActive(after, 1000);
    out.push(...page);
    after = page.at(-1)?.npi ?? null;
    if (page.length < 1000) return out;
  }
}

const run = (repo: DirectoryRepo, path: string, importId: string) =>
  importDirectory({ path, importId, today: TODAY, repo });

describe.each([
  { name: 'sqlite', make: () => sqliteBackend() },
  { name: 'postgres', make: () => postgresBackend() },
])('Plan-Net and NPPES together ($name)', ({ make }) => {
  const backends: TestBackend[] = [make(), make(), make()];
  let stores: OpenStore[] = [];
  let planNetOnly: DirectoryProfile[] = [];
  let nppesFirst: DirectoryProfile[] = [];
  let planNetFirst: DirectoryProfile[] = [];
  let shared: string[] = [];
  const inNetworkAfterNppes: number[] = [];

  beforeAll(async () => {
    stores = await Promise.all(backends.map((b) => b.open()));
    const [alone, npFirst, pnFirst] = stores.map((s) => s.store.directory) as [
      DirectoryRepo,
      DirectoryRepo,
      DirectoryRepo,
    ];
    await run(alone, PLAN_NET, 'pn');
    planNetOnly = await allActive(alone);

    await run(npFirst, NPPES, 'np');
    await run(npFirst, PLAN_NET, 'pn');
    nppesFirst = await allActive(npFirst);

    await run(pnFirst, PLAN_NET, 'pn');
    await run(pnFirst, NPPES, 'np');
    planNetFirst = await allActive(pnFirst);

    const registry = new Set<string>();
    for await (const p of readNppesCsv(NPPES)) registry.add(p.npi);
    shared = planNetOnly.map((p) => p.npi).filter((npi) => registry.has(npi));
    const byNpi = new Map(planNetFirst.map((p) => [p.npi, p]));
    inNetworkAfterNppes.push(shared.filter((n) => byNpi.get(n)?.networkIds.length).length);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(backends.map((b) => b.cleanup()));
  });

  it('merges to the same profiles whichever source is imported first', () => {
    expect(planNetOnly.length).toBeGreaterThanOrEqual(2000);
    expect(nppesFirst.length).toBe(planNetOnly.length + 2000 - shared.length);
    expect(planNetFirst).toEqual(nppesFirst);
  });

  it('loses nothing in-network: same networks and endpoints as Plan-Net alone', () => {
    const merged = new Map(planNetFirst.map((p) => [p.npi, p]));
    const inNetwork = planNetOnly.filter((p) => p.networkIds.length > 0);
    expect(inNetwork.length).toBe(planNetOnly.length);
    for (const p of inNetwork) {
      const after = merged.get(p.npi);
      expect({ npi: p.npi, networks: after?.networkIds, endpoints: after?.endpoints }).toEqual({
        npi: p.npi,
        networks: p.networkIds,
        endpoints: p.endpoints,
      });
    }
  });

  it('the 22 NPIs both list keep the payer networks, Direct address and languages', async () => {
    expect(shared).toHaveLength(22);
    expect(inNetworkAfterNppes).toEqual([22]);
    const alone = new Map(planNetOnly.map((p) => [p.npi, p]));
    const merged = new Map(planNetFirst.map((p) => [p.npi, p]));
    for (const npi of shared) {
      const before = alone.get(npi);
      const after = merged.get(npi);
      // Every NPPES row predates the payer's 2020-08-17 records: the payer says it all.
      expect(after).toEqual(before);
      expect(after?.preferredChannel).toBe('direct');
      expect(after?.provenance?.networks).toEqual({ source: 'plan-net', asOf: '2020-08-17' });
      const records = await stores[2]?.store.directory.getSourceRecords(npi);
      expect(records?.map((r) => r.source)).toEqual(['nppes', 'plan-net']);
    }
  });
});
