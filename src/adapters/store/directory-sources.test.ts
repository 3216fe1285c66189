import { describe, expect, it } from 'vitest';
import { generateDirectory } from '../../../retrieval/generate/index.js';
import { directoryProfile } from '../../../test/fixtures/directory.js';
import { DirectoryProfile, mergeLoneRecord, sourceRecordOf } from '../../domain/index.js';
import { canonicalParts } from './canonical-json.js';
import { loneProfileHash, profileHash } from './directory-sources.js';

function check(p: DirectoryProfile) {
  const record = sourceRecordOf(DirectoryProfile.parse(p), '2026-11-30');
  const lone = mergeLoneRecord(record);
  if (!lone) throw new Error('not a lone record');
  expect(loneProfileHash(lone, canonicalParts(record.fields))).toBe(profileHash(lone));
  expect(loneProfileHash(lone, undefined)).toBe(profileHash(lone));
}

describe('loneProfileHash', () => {
  it("is the profile's hash, built from its record's field texts", () => {
    for (const p of generateDirectory({ count: 300, seed: 3 }).profiles()) check(p);
    const base = directoryProfile('1234567893', { source: 'plan-net' });
    check({ ...base, preferredChannel: 'fax' });
    check({ ...base, active: false, endpoints: [] });
  });

  it('falls back to hashing the profile when the texts are of other fields', () => {
    const record = sourceRecordOf(
      directoryProfile('1234567893', { source: 'plan-net' }),
      '2026-11-30',
    );
    const lone = mergeLoneRecord(record);
    if (!lone) throw new Error('not a lone record');
    const parts = canonicalParts({ ...record.fields, extra: 1 });
    expect(loneProfileHash(lone, parts)).toBe(profileHash(lone));
  });
});
