import { formatError } from './json.js';

/** Qdrant point id: an unsigned integer or a UUID (always answered in lowercase hyphenated form). */
export type PointId = number | string;

const HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIMPLE = /^[0-9a-f]{32}$/i;

/** Parses like Qdrant (`uuid::Uuid::parse_str` forms: hyphenated, simple, braced, urn) or fails with 400. */
export function parsePointId(raw: unknown): PointId {
  if (typeof raw === 'number') {
    if (Number.isSafeInteger(raw) && raw >= 0) return raw;
  } else if (typeof raw === 'string') {
    let text = raw;
    if (text.toLowerCase().startsWith('urn:uuid:')) text = text.slice('urn:uuid:'.length);
    else if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
    if (HYPHENATED.test(text)) return text.toLowerCase();
    if (SIMPLE.test(text)) {
      const hex = text.toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
  }
  throw formatError(
    `value ${JSON.stringify(raw)} is not a valid point ID, valid values are either an unsigned integer or a UUID`,
  );
}

export function parsePointIds(raw: unknown, where: string): PointId[] {
  if (!Array.isArray(raw)) throw formatError(`${where}: expected an array of point ids`);
  return raw.map(parsePointId);
}

/** Map key for an id: numbers and UUIDs never collide. */
export const idKey = (id: PointId): string => (typeof id === 'number' ? `n:${id}` : `u:${id}`);

/** Qdrant's id order: all integer ids (ascending) before all UUIDs (by their 128-bit value). */
export function compareIds(a: PointId, b: PointId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
