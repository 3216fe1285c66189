import { describe, expect, it } from 'vitest';
import { generateDirectory } from '../../retrieval/generate/index.js';
import { directoryProfile } from '../../test/fixtures/directory.js';
import { DirectoryProfile, type DirectorySource } from './directory.js';
import {
  mergeDirectoryRecords,
  mergeLoneRecord,
  type SourceRecord,
  sourceRecordOf,
} from './directory-merge.js';

const NPI = '1234567893';
const recordOf = (p: DirectoryProfile, source: DirectorySource = 'plan-net'): SourceRecord => ({
  ...sourceRecordOf(DirectoryProfile.parse({ ...p, source }), '2026-11-30'),
});

/** Same value and same text (key order included) as the general merge. */
function expectSameAsMerge(r: SourceRecord) {
  const lone = mergeLoneRecord(r);
  const merged = mergeDirectoryRecords([r]);
  expect(lone).not.toBeNull();
  expect(lone).toEqual(merged);
  expect(JSON.stringify(lone)).toBe(JSON.stringify(merged));
}

describe('mergeLoneRecord', () => {
  it('equals the general merge of one record over generated profiles', () => {
    const directory = generateDirectory({ count: 400, seed: 7 });
    let n = 0;
    for (const p of directory.profiles()) {
      expectSameAsMerge(recordOf(p, 'generated'));
      n++;
    }
    expect(n).toBe(400);
  });

  it('equals the general merge for inactive, unlisted preferred channels and empty lists', () => {
    const base = directoryProfile(NPI);
    for (const over of [
      { active: false },
      { preferredChannel: 'fax' as const },
      { preferredChannel: null },
      { endpoints: [], preferredChannel: 'direct' as const },
      { locations: [], networkIds: [], languages: [], acceptingNewPatients: null },
      { metrics: { waitDays: null, rating: null, loopClosureRate: null } },
    ]) {
      expectSameAsMerge(recordOf({ ...base, ...over }, 'plan-net'));
      expectSameAsMerge(recordOf({ ...base, ...over }, 'generated'));
    }
    expectSameAsMerge({ ...recordOf(base), asOf: '2020-01-02' });
  });

  it('declines what the general merge must decide', () => {
    const r = recordOf(directoryProfile(NPI));
    expect(mergeLoneRecord({ ...r, source: 'nppes' })).toBeNull();
    expect(mergeLoneRecord({ ...r, source: 'manual' })).toBeNull();
    expect(mergeLoneRecord({ ...r, listed: false })).toBeNull();
    const { languages: _languages, ...partial } = r.fields;
    expect(mergeLoneRecord({ ...r, fields: partial })).toBeNull();
  });
});
