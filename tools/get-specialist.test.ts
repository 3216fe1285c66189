import { describe, expect, it } from 'vitest';
import { createMemoryDirectoryIndex } from '../src/adapters/directory-index/index.js';
import type { DirectoryProfile } from '../src/domain/index.js';
import { createFakeEhr } from '../test/fakes/fake-ehr.js';
import { createFakePayer } from '../test/fakes/fake-payer.js';
import { createMemoryAudit } from '../test/fakes/memory-audit.js';
import { createMemoryOutcomes } from '../test/fakes/memory-outcomes.js';
import { PRACTICE_ID } from '../test/fixtures/world.js';
import { location, makeProfile, offset } from '../test/support/directory-index-contract.js';
import { runTool } from './run-tool.js';

const PATIENT = { lat: 41.824, lon: -71.4128 };
const multi = makeProfile('1000000001', null, {
  locations: [
    location('far', offset(PATIENT, 20)),
    location('unplaced', null),
    location('near', offset(PATIENT, 3)),
  ],
});
const retired = makeProfile('1000000002', offset(PATIENT, 1), { active: false });

/** The tool over a directory that answers `getProfile` from `profiles` (or from `answer`). */
function setup(answer?: (npi: string) => Promise<DirectoryProfile | undefined>) {
  const audit = createMemoryAudit();
  const runtime = {
    deps: {
      ehr: createFakeEhr({ referrals: [], patients: [] }).client,
      payer: createFakePayer([]).client,
      directory: createMemoryDirectoryIndex(),
      plans: { getPlan: async () => undefined },
      profiles: {
        getProfile: answer ?? (async (npi: string) => [multi, retired].find((p) => p.npi === npi)),
      },
      outcomes: createMemoryOutcomes(),
    },
    audit,
  };
  const scope = { practiceId: PRACTICE_ID, referralId: 'ref-1' };
  const get = (input: { npi: string; locationId?: string }) =>
    runTool('get_specialist', { ...input, near: PATIENT }, scope, runtime);
  return { get, audit };
}

describe('get_specialist', () => {
  it('returns each located practice location with its distance, nearest first', async () => {
    const { get } = setup();
    const hits = await get({ npi: multi.npi });
    expect(hits.map((h) => [h.locationId, Math.round(h.distanceKm)])).toEqual([
      ['near', 3],
      ['far', 20],
    ]);
    expect(hits.every((h) => h.profile.npi === multi.npi && h.textScore === 0)).toBe(true);
  });

  it('returns only the location asked for, and none when it has no known position', async () => {
    const { get } = setup();
    expect((await get({ npi: multi.npi, locationId: 'far' })).map((h) => h.locationId)).toEqual([
      'far',
    ]);
    expect(await get({ npi: multi.npi, locationId: 'unplaced' })).toEqual([]);
    expect(await get({ npi: multi.npi, locationId: 'elsewhere' })).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown or inactive practitioner, audited as an error', async () => {
    const { get, audit } = setup();
    for (const npi of ['1999999999', retired.npi]) {
      await expect(get({ npi })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(audit.events.map((e) => e.data.outcome)).toEqual(['error', 'error']);
  });

  it('refuses what a faulty directory returns for another practitioner', async () => {
    const { get, audit } = setup(async () => ({ ...multi, npi: '1000000003' }));
    await expect(get({ npi: multi.npi })).rejects.toMatchObject({ code: 'TOOL_OUTPUT_INVALID' });
    expect(audit.events.map((e) => e.data.outcome)).toEqual(['output_invalid']);
  });

  it('refuses an NPI that is not ten digits before asking the directory', async () => {
    let asked = 0;
    const { get } = setup(async () => {
      asked++;
      return multi;
    });
    await expect(get({ npi: '12345' })).rejects.toMatchObject({ code: 'TOOL_INPUT_INVALID' });
    expect(asked).toBe(0);
  });
});
