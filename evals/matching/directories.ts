import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { generateDirectory } from '../../retrieval/generate/index.js';
import { assemblePlanNet, readFhir } from '../../retrieval/ingest/index.js';
import { createZipCentroidGeocoder } from '../../src/adapters/geo/index.js';
import type { DirectoryProfile, InsurancePlanRecord } from '../../src/domain/index.js';

export const DirectoryKey = z.enum(['plannet', 'generated']);
export type DirectoryKey = z.infer<typeof DirectoryKey>;

/** One directory the suite matches against, as the import would store it. */
export interface EvalDirectory {
  key: DirectoryKey;
  profiles: DirectoryProfile[];
  plans: InsurancePlanRecord[];
  /** What it was built from, for the dataset version. */
  params: string;
  /** A short hash of its profiles and plans. */
  digest: string;
  /** Whether its profiles carry wait times (Plan-Net has no such field). */
  hasWaits: boolean;
}

/** Fixed, so the generated directory is the same whatever seed the cases use. */
export const GENERATED_SEED = 42;
export const GENERATED_COUNT = 3000;

export const shortHash = (text: string) =>
  createHash('sha256').update(text).digest('hex').slice(0, 12);

const digestOf = (profiles: readonly DirectoryProfile[], plans: readonly InsurancePlanRecord[]) =>
  shortHash(JSON.stringify({ profiles, plans }));

/** The public Plan-Net reference directory (`<dataRoot>/plan-net-ri`), read in place. */
export async function loadPlanNet(dataRoot: string): Promise<EvalDirectory> {
  const directory = await assemblePlanNet(readFhir(join(dataRoot, 'plan-net-ri')), {
    geocoder: createZipCentroidGeocoder(),
  });
  return {
    key: 'plannet',
    profiles: directory.profiles,
    plans: directory.plans,
    params: 'plan-net-ri',
    digest: digestOf(directory.profiles, directory.plans),
    hasWaits: directory.profiles.some((p) => p.metrics.waitDays !== null),
  };
}

export function loadGenerated(seed = GENERATED_SEED, count = GENERATED_COUNT): EvalDirectory {
  const directory = generateDirectory({ count, seed });
  const profiles = [...directory.profiles()];
  return {
    key: 'generated',
    profiles,
    plans: directory.plans,
    params: `generated(seed=${seed},count=${count})`,
    digest: digestOf(profiles, directory.plans),
    hasWaits: profiles.some((p) => p.metrics.waitDays !== null),
  };
}
