import { QdrantClient } from '@qdrant/js-client-rest';
import { type QdrantServerHandle, startQdrantServer } from '../qdrant-server.js';

/** Points of a small clinic collection the fake Qdrant server's tests query. */
export const UUID_A = 'a1b2c3d4-0000-4000-8000-000000000001';
export const UUID_B = 'b1b2c3d4-0000-4000-8000-000000000002';
export const R = 6371008.8;
/** Along one meridian the haversine distance is exactly R·Δφ. */
export const metersAlongMeridian = (deltaLatDeg: number) =>
  (R * Math.abs(deltaLatDeg) * Math.PI) / 180;
export const qdrantIdf = (n: number, total: number) => Math.log((total - n + 0.5) / (n + 0.5) + 1);
export const at = (lat: number) => ({ lat, lon: -75 });

export const POINTS = [
  {
    id: 1,
    vector: { dense: [1, 0, 0, 0], sparse: { indices: [20, 10], values: [1, 1] } },
    payload: {
      tenant_id: 't1',
      category: 'clinic',
      tags: ['retina', 'glaucoma'],
      year: 2021,
      location: at(40),
      name: 'Center Eye',
      staff: [
        { role: 'md', years: 10 },
        { role: 'od', years: 2 },
      ],
    },
  },
  {
    id: 2,
    vector: { dense: [0.8, 0.6, 0, 0], sparse: { indices: [10], values: [1] } },
    payload: {
      tenant_id: 't1',
      category: 'clinic',
      tags: ['cornea'],
      year: 2023,
      location: at(40.01),
    },
  },
  {
    id: 3,
    vector: { dense: [0, 1, 0, 0], sparse: { indices: [30], values: [1] } },
    payload: {
      tenant_id: 't1',
      category: 'hospital',
      tags: ['retina'],
      year: 2024,
      location: at(40.05),
    },
  },
  {
    id: UUID_A,
    vector: { dense: [0, 0, 1, 0], sparse: { indices: [20], values: [2] } },
    payload: { tenant_id: 't1', category: 'optometry', tags: [], year: 2019, note: null },
  },
  {
    id: UUID_B,
    vector: { dense: [0.6, 0.8, 0, 0], sparse: { indices: [40], values: [1] } },
    payload: {
      tenant_id: 't2',
      category: 'clinic',
      tags: ['retina'],
      year: 2025,
      location: at(40.02),
    },
  },
  {
    id: 10,
    vector: { dense: [0.96, 0, 0.28, 0], sparse: { indices: [10], values: [3] } },
    payload: {
      tenant_id: 't1',
      category: 'clinic',
      tags: ['retina'],
      year: 2020,
      location: at(39.99),
      deleted: true,
    },
  },
];

export async function qdrantError(
  call: Promise<unknown>,
): Promise<{ status: number; error: string }> {
  try {
    await call;
  } catch (caught) {
    const error = caught as { status?: number; data?: { status?: { error?: string } } };
    return { status: error.status ?? -1, error: error.data?.status?.error ?? String(caught) };
  }
  throw new Error('expected the Qdrant call to fail');
}

export type Filter = Parameters<QdrantClient['count']>[1] extends infer A
  ? A extends { filter?: infer F }
    ? F
    : never
  : never;

/** A fake server holding the `docs` collection: dense and sparse (idf) vectors, payload indexes, POINTS. */
export async function seedDocs(): Promise<{ server: QdrantServerHandle; client: QdrantClient }> {
  const server = await startQdrantServer();
  const client = new QdrantClient({ url: server.url, checkCompatibility: false });
  await client.createCollection('docs', {
    vectors: { dense: { size: 4, distance: 'Cosine' } },
    sparse_vectors: { sparse: { modifier: 'idf' } },
  });
  type Schema = NonNullable<Parameters<QdrantClient['createPayloadIndex']>[1]['field_schema']>;
  const index = (field_name: string, field_schema: Schema) =>
    client.createPayloadIndex('docs', { field_name, field_schema, wait: true });
  await index('tenant_id', { type: 'keyword', is_tenant: true });
  await index('category', 'keyword');
  await index('tags', 'keyword');
  await index('year', { type: 'integer', lookup: false, range: true });
  await index('location', 'geo');
  await index('deleted', 'bool');
  await client.upsert('docs', { wait: true, points: POINTS });
  return { server, client };
}
