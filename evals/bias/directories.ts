import { join } from 'node:path';
import { generateDirectory } from '../../retrieval/generate/index.js';
import { assemblePlanNet, readFhir } from '../../retrieval/ingest/index.js';
import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import { createZipCentroidGeocoder } from '../../src/adapters/geo/index.js';
import type {
  DirectoryIndex,
  DirectoryProfile,
  GeoPoint,
  InsurancePlanRecord,
} from '../../src/domain/index.js';

export const DIRECTORY_NAMES = ['plan-net', 'generated'] as const;
export type DirectoryName = (typeof DIRECTORY_NAMES)[number];

/** The service's embedded default (config DIRECTORY_GENERATE_COUNT, DIRECTORY_SEED). */
export const GENERATED = { count: 10_000, seed: 42 } as const;

export const PAYER_TYPES = [
  'commercial',
  'medicare',
  'medicare-advantage',
  'medicaid',
  'dual',
] as const;
export type PayerType = (typeof PAYER_TYPES)[number];

export interface AuditPlan extends InsurancePlanRecord {
  payerType: PayerType;
}

export interface AuditLocation {
  position: GeoPoint;
  city: string;
  state: string;
}

export interface AuditDirectory {
  name: DirectoryName;
  label: string;
  profiles: DirectoryProfile[];
  plans: AuditPlan[];
  index: DirectoryIndex;
  /** Every active practice location with a position (where patients are placed near). */
  locations: AuditLocation[];
  /** Positions of the locations of each network's practitioners. */
  networkPositions: Map<string, GeoPoint[]>;
}

/** The payer type a plan's name tells (the Plan-Net sample and the generator name them so). */
export function payerTypeOf(plan: Pick<InsurancePlanRecord, 'id' | 'name'>): PayerType {
  const text = `${plan.id} ${plan.name}`.toLowerCase();
  if (/\bdual\b/.test(text)) return 'dual';
  if (/advantage|\bma-h\d/.test(text)) return 'medicare-advantage';
  if (/medicare/.test(text)) return 'medicare';
  if (/medicaid|rite ?care|children|\bchip\b/.test(text)) return 'medicaid';
  return 'commercial';
}

function directoryOf(
  name: DirectoryName,
  label: string,
  profiles: DirectoryProfile[],
  plans: readonly InsurancePlanRecord[],
): AuditDirectory {
  const active = profiles.filter((p) => p.active);
  const locations: AuditLocation[] = [];
  const networkPositions = new Map<string, GeoPoint[]>();
  for (const p of active) {
    for (const l of p.locations) {
      if (!l.position) continue;
      locations.push({ position: l.position, city: l.city, state: l.state });
      for (const n of p.networkIds) {
        const list = networkPositions.get(n);
        if (list) list.push(l.position);
        else networkPositions.set(n, [l.position]);
      }
    }
  }
  return {
    name,
    label,
    profiles: active,
    plans: plans
      .filter((p) => p.networkIds.length > 0)
      .map((p) => ({ ...p, payerType: payerTypeOf(p) })),
    index: createMemoryDirectoryIndex(active),
    locations,
    networkPositions,
  };
}

/** The public Da Vinci Plan-Net reference data (`dataRoot`/plan-net-ri), read in place. */
export async function loadPlanNet(dataRoot: string): Promise<AuditDirectory> {
  const directory = await assemblePlanNet(readFhir(join(dataRoot, 'plan-net-ri')), {
    geocoder: createZipCentroidGeocoder(),
  });
  return directoryOf('plan-net', 'Plan-Net sample (CT/MA/RI)', directory.profiles, directory.plans);
}

/** The synthetic directory the service fills an empty store with by default. */
export function loadGenerated(): AuditDirectory {
  const directory = generateDirectory(GENERATED);
  return directoryOf(
    'generated',
    `generated (seed ${GENERATED.seed}, ${GENERATED.count} profiles)`,
    [...directory.profiles()],
    directory.plans,
  );
}
