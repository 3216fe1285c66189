import { describe, expect, it } from 'vitest';
import { createMemoryDirectoryIndex } from '../src/adapters/directory-index/index.js';
import type { DirectoryIndex, IndexHit, IndexQuery } from '../src/domain/index.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import { createMemoryAudit } from '../test/fakes/memory-audit.js';
import { createMemoryOutcomes } from '../test/fakes/memory-outcomes.js';
import { PRACTICE_ID } from '../test/fixtures/world.js';
import { location, makeProfile, offset } from '../test/support/directory-index-contract.js';
import { runTool } from './run-tool.js';

const CENTER = { lat: 41.824, lon: -71.4128 };
const direct = { channel: 'direct' as const, address: 'dr@direct.example.org' };
const open = makeProfile('1000000001', offset(CENTER, 1), { endpoints: [direct] });
const closed = makeProfile('1000000002', offset(CENTER, 2), {
  endpoints: [direct],
  locations: [location('L1', offset(CENTER, 2), { acceptingNewPatients: false })],
});
const unreachable = makeProfile('1000000003', offset(CENTER, 3));
const faxOnly = makeProfile('1000000004', null, {
  locations: [
    location('F', offset(CENTER, 4), { fax: '401-555-0100' }),
    location('N', offset(CENTER, 5)),
  ],
});
const directory = [open, closed, unreachable, faxOnly];

/** A directory index that records each query and answers from `answer` (honest or not). */
function recordingIndex(answer: (q: IndexQuery) => Promise<IndexHit[]>) {
  const queries: IndexQuery[] = [];
  const index: DirectoryIndex = {
    ...createMemoryDirectoryIndex(),
    search: async (q) => {
      queries.push(q);
      return answer(q);
    },
  };
  return { index, queries };
}

/** Every location of the directory as a hit, whatever was asked: an index that ignores filters. */
const everything = async (): Promise<IndexHit[]> =>
  directory.flatMap((profile) =>
    profile.locations.map((l, i) => ({
      profile,
      locationId: l.id,
      distanceKm: 1 + i,
      textScore: 0,
    })),
  );

function setup(directoryIndex: DirectoryIndex) {
  const runtime = {
    deps: {
      ehr: createFakeEhr({ referrals: [], patients: [] }).client,
      payer: createFakePayer([]).client,
      directory: directoryIndex,
      plans: { getPlan: async () => undefined },
      profiles: { getProfile: async () => undefined },
      outcomes: createMemoryOutcomes(),
    },
    audit: createMemoryAudit(),
  };
  const scope = { practiceId: PRACTICE_ID, referralId: 'ref-1' };
  const search = (input: Record<string, unknown>) =>
    runTool(
      'search_specialists',
      { taxonomies: ['207WX0107X'], near: CENTER, radiusKm: 50, limit: 10, ...input },
      scope,
      runtime,
    );
  return { search, audit: runtime.audit };
}

const keys = (hits: IndexHit[]) => hits.map((h) => `${h.profile.npi}/${h.locationId}`);

describe('search_specialists', () => {
  it('passes excludeNpis and requireReachable through to the index, which applies them', async () => {
    const memory = createMemoryDirectoryIndex(directory);
    const { index, queries } = recordingIndex((q) => memory.search(q));
    const { search } = setup(index);
    const hits = await search({
      excludeNotAccepting: true,
      requireReachable: true,
      excludeNpis: ['1000000001'],
    });
    expect(keys(hits)).toEqual(['1000000004/F']);
    expect(queries[0]).toMatchObject({
      excludeNotAccepting: true,
      requireReachable: true,
      excludeNpis: ['1000000001'],
    });
    expect(keys(await search({}))).toHaveLength(5);
    expect(queries[1]).not.toHaveProperty('excludeNpis');
    expect(queries[1]).not.toHaveProperty('requireReachable');
  });

  it('refuses input with a malformed NPI or more than 200 exclusions, before the index is asked', async () => {
    const { index, queries } = recordingIndex(everything);
    const { search } = setup(index);
    await expect(search({ excludeNpis: ['12345'] })).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
    const many = Array.from({ length: 201 }, (_, i) => String(1_000_000_000 + i));
    await expect(search({ excludeNpis: many })).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
    await expect(search({ requireReachable: 'yes' })).rejects.toMatchObject({
      code: 'TOOL_INPUT_INVALID',
    });
    expect(queries).toEqual([]);
  });

  it.each([
    [{ excludeNpis: ['1000000001'] }, 'Directory returned an excluded practitioner'],
    [{ requireReachable: true }, 'Directory returned a practitioner a referral cannot be sent to'],
    [{ excludeNotAccepting: true }, 'Directory returned a location closed to new patients'],
  ])('refuses an index answer that ignores %j', async (input, reason) => {
    const { index } = recordingIndex(everything);
    const { search, audit } = setup(index);
    await expect(search(input)).rejects.toMatchObject({
      code: 'TOOL_OUTPUT_INVALID',
      message: reason,
    });
    expect(audit.events.at(-1)?.data).toMatchObject({ outcome: 'output_invalid' });
  });

  it('accepts the same answer when the constraints were not asked for, and reachability per location', async () => {
    const { index } = recordingIndex(everything);
    const { search } = setup(index);
    expect(await search({})).toHaveLength(5);
    const faxed = recordingIndex(async () =>
      (await everything())
        .slice(0, 1)
        .concat([{ profile: faxOnly, locationId: 'F', distanceKm: 4, textScore: 0 }]),
    );
    expect(keys(await setup(faxed.index).search({ requireReachable: true }))).toEqual([
      '1000000001/L1',
      '1000000004/F',
    ]);
  });
});
