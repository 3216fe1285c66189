import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferSpecialty } from '../../retrieval/index.js';
import { assemblePlanNet, readFhir } from '../../retrieval/ingest/index.js';
import { sharedDataPath } from '../../retrieval/ingest/test-data.js';
import {
  createMemoryDirectoryIndex,
  createSqliteDirectoryIndex,
} from '../../src/adapters/directory-index/index.js';
import { createZipCentroidGeocoder } from '../../src/adapters/geo/index.js';
import { loadConfig } from '../../src/config.js';
import type {
  DirectoryIndex,
  GeoPoint,
  InsurancePlanRecord,
  SpecialtyTier,
} from '../../src/domain/index.js';
import { createMemoryAudit } from '../../test/fakes/memory-audit.js';
import { createMemoryOutcomes } from '../../test/fakes/memory-outcomes.js';
import { runMatching } from './agent.js';

/** Referrals as optometrists write them: codes in either order, or none. */
const REFERRALS: { reason: string; codes: string[] }[] = [
  { reason: 'moderate NPDR OU with CSME OD', codes: ['E11.65', 'E11.3393'] },
  { reason: 'thyroid eye disease, proptosis OS', codes: ['E05.90', 'H05.242'] },
  { reason: 'scleritis OD, history of RA', codes: ['M05.79', 'H15.012'] },
  { reason: 'amblyopia OS, age 5, patching failed', codes: ['H53.002'] },
  { reason: 'nodule on the upper lid with lash loss', codes: [] },
  { reason: 'constant watery eye, probing did not help', codes: [] },
  { reason: 'vein occlusion with swelling', codes: [] },
  { reason: 'new double vision looking to the right', codes: [] },
  { reason: 'both optic nerves swollen, headaches worse lying down', codes: [] },
  { reason: 'POAG progressing on two drops, IOP 26 OU', codes: ['H40.1132'] },
  { reason: 'wet AMD OS, new metamorphopsia', codes: ['H35.3221'] },
  { reason: 'visually significant cataract OU, glare at night', codes: ['H25.13'] },
  { reason: 'keratoconus progressing OD, consider cross-linking', codes: [] },
  { reason: 'recurrent anterior uveitis OD', codes: ['H20.011'] },
  { reason: 'convergence insufficiency, headaches with reading', codes: [] },
  { reason: 'low vision evaluation, advanced AMD OU', codes: ['H54.2'] },
  { reason: 'BP 178/104 today, no known hypertension, AV nicking', codes: ['I10'] },
  { reason: 'A1c unknown, new diabetic retinopathy found, needs diabetes care', codes: ['E11.9'] },
  { reason: 'floppy eyelids and snoring, suspect sleep apnea', codes: [] },
  { reason: 'rosacea with blepharitis, skin involvement', codes: ['L71.9'] },
];

const SETTINGS = loadConfig({}).matching;
const RADIUS_KM = 80;

interface Truth {
  tier: SpecialtyTier | null;
  eligible: Set<string>;
}

/** The first tier with an eligible practitioner, by exhaustive scan of the whole directory. */
async function truthOf(
  scan: DirectoryIndex,
  plan: ReturnType<typeof inferSpecialty>['specialties'],
  near: GeoPoint,
  networkIds: string[],
): Promise<Truth> {
  for (const tier of ['preferred', 'fallback'] as const) {
    const taxonomies = [
      ...new Set(plan.filter((s) => s.tier === tier).flatMap((s) => s.taxonomies)),
    ];
    if (taxonomies.length === 0) continue;
    const hits = await scan.search({
      taxonomies,
      near,
      radiusKm: RADIUS_KM,
      networkIds,
      excludeNotAccepting: true,
      requireReachable: true,
      limit: 100_000,
    });
    if (hits.length > 0)
      return { tier, eligible: new Set(hits.map((h) => `${h.profile.npi}@${h.locationId}`)) };
  }
  return { tier: null, eligible: new Set() };
}

describe('matching on the public Plan-Net directory (../shared/data/plan-net-ri)', () => {
  let scan: DirectoryIndex;
  let sqlite: DirectoryIndex;
  let plans: InsurancePlanRecord[];
  let patients: GeoPoint[];

  beforeAll(async () => {
    const directory = await assemblePlanNet(readFhir(sharedDataPath('plan-net-ri')), {
      geocoder: createZipCentroidGeocoder(),
    });
    scan = createMemoryDirectoryIndex(directory.profiles);
    sqlite = createSqliteDirectoryIndex(new Database(':memory:'));
    await sqlite.upsert(directory.profiles);
    plans = directory.plans.filter((p) => p.networkIds.length > 0);
    const positions = directory.profiles.flatMap((p) =>
      p.locations.flatMap((l) => (l.position ? [l.position] : [])),
    );
    patients = positions.filter((_, i) => i % Math.ceil(positions.length / 12) === 0);
  }, 60_000);

  it('matches whenever any tier has an eligible specialist, from the first such tier, and fails only when the exhaustive scan agrees', async () => {
    let runs = 0;
    let exceptions = 0;
    for (const [i, referral] of REFERRALS.entries()) {
      const plan = inferSpecialty({ diagnosisCodes: referral.codes, reason: referral.reason });
      expect(plan.specialties.length, referral.reason).toBeGreaterThan(0);
      for (const [j, near] of patients.entries()) {
        const insurance = plans[(i + j) % plans.length] as InsurancePlanRecord;
        const truth = await truthOf(scan, plan.specialties, near, insurance.networkIds);
        const result = await runMatching(
          {
            ...SETTINGS,
            specialties: plan.specialties,
            reason: referral.reason,
            urgency: 'routine',
            near,
            language: 'en',
            networkIds: insurance.networkIds,
            coverageActive: true,
            excludedNpis: [],
            radiusKm: RADIUS_KM,
          },
          { practiceId: 'p1', referralId: `r-${i}-${j}` },
          {
            deps: {
              directory: sqlite,
              ehr: {} as never,
              payer: {} as never,
              plans: { getPlan: async () => undefined },
              profiles: { getProfile: async () => undefined },
              outcomes: createMemoryOutcomes(),
            },
            audit: createMemoryAudit(),
          },
        );
        runs++;
        const context = `${referral.reason} @ ${near.lat},${near.lon} / ${insurance.id}`;
        expect(result.tier, context).toBe(truth.tier);
        if (truth.tier === null) {
          exceptions++;
          expect(result.recommendedId, context).toBeNull();
          expect(result.tried.length, context).toBeGreaterThan(0);
        } else {
          expect(result.candidates.length, context).toBeGreaterThan(0);
          for (const c of result.candidates)
            expect(truth.eligible.has(c.candidateId), context).toBe(true);
        }
      }
    }
    expect(runs).toBe(REFERRALS.length * patients.length);
    expect(exceptions).toBeLessThan(runs);
  }, 120_000);
});
