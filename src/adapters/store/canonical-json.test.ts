import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalParts, joinCanonical, sha256Hex } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps array order', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined properties like JSON.stringify and serializes dates as ISO text', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2025-01-01T00:00:00Z') })).toBe(
      '{"b":"2025-01-01T00:00:00.000Z"}',
    );
  });

  it('hashes with sha256 hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

/** The definition: sorted copies, then `JSON.stringify`. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v === null || typeof v !== 'object') return v;
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      return sortKeys((v as { toJSON: () => unknown }).toJSON());
    }
    const source = v as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
    }
    return sorted;
  };
  return JSON.stringify(sortKeys(value));
}

describe('canonicalJson against its definition', () => {
  const odd = {
    z: [1, undefined, () => 1, null, Number.NaN, Number.POSITIVE_INFINITY, -0, 'x"\u2028'],
    f: () => 1,
    s: Symbol('s'),
    d: new Date('2025-01-01T00:00:00Z'),
    nested: { b: { toJSON: () => ({ y: 1, x: [2] }) }, a: '\u00e9\n', é: true, '': 0 },
    e: [],
    o: {},
  };

  it('writes the same text for odd values', () => {
    expect(canonicalJson(odd)).toBe(reference(odd));
    for (const v of [null, 1, 'a', true, [], {}, [[{ b: 1, a: 2 }]], odd.z]) {
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('joins per-property parts into the same text', () => {
    const extra = { npi: '1234567890', source: 'generated', u: undefined };
    const parts = canonicalParts({ ...odd, ...extra });
    expect(joinCanonical(parts)).toBe(reference({ ...odd, ...extra }));
    expect(joinCanonical(new Map())).toBe('{}');
  });
});
