import type { QdrantClient } from '@qdrant/js-client-rest';
import { DENSE_VECTOR, TEXT_VECTOR } from './points.js';

type FieldSchema = 'keyword' | 'bool' | 'geo';

/** Every field a search filters on, indexed before any data (stack notes §7). */
export const PAYLOAD_INDEXES: ReadonlyArray<readonly [string, FieldSchema]> = [
  ['npi', 'keyword'],
  ['taxonomy', 'keyword'],
  ['networks', 'keyword'],
  ['languages', 'keyword'],
  ['accepting', 'bool'],
  ['reachable', 'bool'],
  ['active', 'bool'],
  ['primary', 'bool'],
  ['location', 'geo'],
];

/** Whether a collection was built with this dense size and carries every payload index. */
async function isCurrent(
  client: QdrantClient,
  name: string,
  denseSize: number | null,
): Promise<boolean> {
  const { config, payload_schema } = await client.getCollection(name);
  const vectors = config.params.vectors as Record<string, { size?: number }> | undefined;
  const indexed = new Set(Object.keys(payload_schema ?? {}));
  return (
    (vectors?.[DENSE_VECTOR]?.size ?? null) === denseSize &&
    PAYLOAD_INDEXES.every(([field]) => indexed.has(field))
  );
}

/**
 * Creates the collection (sparse text vector with idf, optional dense) and its payload indexes.
 * The index is derived data: a collection built for another dense size, or by an older version
 * that lacks a payload key (and its index) a search now filters on, is dropped and made again,
 * and the caller's count check then rebuilds it from the directory.
 */
export async function ensureCollection(
  client: QdrantClient,
  name: string,
  denseSize: number | null,
): Promise<void> {
  if ((await client.collectionExists(name)).exists) {
    if (await isCurrent(client, name, denseSize)) return;
    await client.deleteCollection(name);
  }
  await client.createCollection(name, {
    ...(denseSize ? { vectors: { [DENSE_VECTOR]: { size: denseSize, distance: 'Cosine' } } } : {}),
    sparse_vectors: { [TEXT_VECTOR]: { modifier: 'idf' } },
  });
  for (const [field_name, field_schema] of PAYLOAD_INDEXES) {
    await client.createPayloadIndex(name, { field_name, field_schema, wait: true });
  }
}
