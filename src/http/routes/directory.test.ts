import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../../test/fakes/graph-harness.js';
import { directoryProfile } from '../../../test/fixtures/directory.js';
import { hl7IntakeFor } from '../../../test/support/hl7-intake.js';
import { consultNoteReader } from '../../adapters/hl7/index.js';
import type { DirectoryDrift, DirectoryImport } from '../../domain/index.js';
import { createApp } from '../app.js';

type Page = { data: DirectoryDrift[]; nextCursor: number | null };

const TOKEN = 'viewer-token-000000001';

describe('GET /api/directory/drift and /api/directory/imports', () => {
  let h: Awaited<ReturnType<typeof createGraphHarness>>;
  let app: ReturnType<typeof createApp>;
  const get = (path: string, token: string | null = TOKEN) =>
    app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const page = async (path: string) => (await (await get(path)).json()) as Page;

  beforeAll(async () => {
    h = await createGraphHarness();
    app = createApp({
      store: h.store,
      runner: h.runner,
      clock: h.clock,
      hl7: hl7IntakeFor(h).http,
      ccda: consultNoteReader,
      grants: [{ token: TOKEN, practiceId: 'practice-test', role: 'viewer', name: 'vic' }],
      verifyWebhook: () => ({ webhookId: 'x', practiceId: 'practice-test' }),
      maxWebhookBytes: 1024,
      maxApiBytes: 64 * 1024,
      onWebhookAccepted: () => {},
      health: async () => ({}),
      match: async () => {
        throw new Error('not used');
      },
      logError: () => {},
    });
    const npis = ['1000000001', '1000000002', '1000000003'];
    await h.store.directory.upsertProfiles(
      'imp-1',
      npis.map((n) => directoryProfile(n)),
    );
    await h.store.directory.upsertProfiles(
      'imp-2',
      npis.map((n) => directoryProfile(n, { networkIds: ['net-b'] })),
    );
    await h.store.directory.deactivateUnseen('plan-net', 'imp-3');
  });
  afterAll(() => h.close());

  it('lists drift newest first, filtered, one page at a time', async () => {
    const all = await page('/api/directory/drift');
    expect(all.data).toHaveLength(9);
    expect(all.nextCursor).toBeNull();
    expect(all.data[0]).toMatchObject({ importId: 'imp-3', kind: 'deactivated' });
    expect(all.data.at(-1)).toMatchObject({
      importId: 'imp-2',
      npi: '1000000001',
      kind: 'network-added',
      detail: { networkId: 'net-b' },
    });

    const first = await page('/api/directory/drift?importId=imp-2&limit=4');
    expect(first.data).toHaveLength(4);
    expect(first.data.every((d) => d.importId === 'imp-2')).toBe(true);
    const rest = await page(
      `/api/directory/drift?importId=imp-2&limit=4&cursor=${first.nextCursor}`,
    );
    expect(rest.data).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();

    const one = await page('/api/directory/drift?kind=network-dropped&npi=1000000002');
    expect(one.data).toEqual([
      expect.objectContaining({ npi: '1000000002', detail: { networkId: 'net-a' } }),
    ]);
  });

  it('lists the imports with their counts', async () => {
    const res = await get('/api/directory/imports?limit=2');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: DirectoryImport[] };
    expect(body.data.map((i) => i.importId)).toEqual(['imp-3', 'imp-2']);
    expect(body.data[0]).toMatchObject({ source: 'plan-net', deactivated: 3 });
  });

  it('refuses bad parameters with a 422 naming each, without echoing them', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=CANARY-1', 'limit'],
      ['kind=CANARY-2', 'kind'],
      ['npi=CANARY-3', 'npi'],
      ['cursor=-4', 'cursor'],
      ['importId=CANARY%205', 'importId'],
    ] as const) {
      const res = await get(`/api/directory/drift?${query}`);
      const text = await res.text();
      expect(res.status, query).toBe(422);
      expect(text).not.toContain('CANARY');
      expect(JSON.parse(text).error).toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [expect.objectContaining({ path })],
      });
    }
    expect((await get('/api/directory/imports?limit=x')).status).toBe(422);
  });

  it('sits behind the bearer token and in the OpenAPI document', async () => {
    expect((await get('/api/directory/drift', null)).status).toBe(401);
    expect((await get('/api/directory/imports', 'wrong-token-000000000')).status).toBe(401);
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get: { security: unknown } }>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/directory/drift', '/api/directory/imports']),
    );
    expect(doc.paths['/api/directory/drift']?.get.security).toEqual([{ bearer: [] }]);
  });
});
