import { createHash } from 'node:crypto';

/** JSON with object keys sorted recursively, so equal values always serialize to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The canonical text of each defined property of a plain object, by key: canonical JSON of the
 * object and of objects sharing most of its properties can then be joined without re-serializing.
 */
export function canonicalParts(value: Record<string, unknown>): Map<string, string> {
  const parts = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const text = value[key] === undefined ? undefined : JSON.stringify(sortKeys(value[key]));
    if (text !== undefined) parts.set(key, text);
  }
  return parts;
}

/** The canonical JSON of the object whose properties have the canonical texts `parts`. */
export function joinCanonical(parts: ReadonlyMap<string, string>): string {
  const keys = [...parts.keys()].sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${parts.get(k)}`).join(',')}}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return sortKeys((value as { toJSON: () => unknown }).toJSON());
  }
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) {
    if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
  }
  return sorted;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
