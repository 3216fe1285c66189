import {
  type DirectoryProfile,
  InsurancePlanRecord,
  type NetworkRecord,
  type PostalCodeGeocoder,
} from '../../src/domain/index.js';
import {
  type CodeableConcept,
  type FhirResource,
  type OnIssue,
  type Practitioner,
  type PractitionerRole,
  refId,
} from './fhir-types.js';
import { type CollectStats, collectPlanNet, type PlanNetIndex } from './plan-net-collect.js';
import { NPI_SYSTEM } from './plan-net-extensions.js';
import { buildProfile, type ProfileCounters } from './plan-net-profile.js';
import { unique, validProfile } from './validate.js';

export interface AssemblePlanNetOptions {
  /** Called with the number of resources read so far (every 1,000, and once at the end). */
  onProgress?(n: number): void;
  onIssue?: OnIssue;
  /** Places practice locations the feed gives no usable position at their ZIP's centroid. */
  geocoder?: PostalCodeGeocoder;
  /**
   * The import date (ISO `YYYY-MM-DD`, from the caller): qualifications and roles whose period ended
   * before it give no taxonomy, and a profile with no `meta.lastUpdated` is as of it. Without it,
   * periods are not checked and such a profile carries no provenance.
   */
  today?: string;
}

export interface PlanNetStats extends CollectStats, ProfileCounters {
  practitionersWithoutNpi: number;
  rolesWithoutPractitioner: number;
  invalidProfiles: number;
}

export interface PlanNetDirectory {
  profiles: DirectoryProfile[];
  plans: InsurancePlanRecord[];
  networks: NetworkRecord[];
  stats: PlanNetStats;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Joins a Plan-Net feed into one DirectoryProfile per Practitioner NPI (with their roles,
 * locations, networks and endpoints), plus InsurancePlans and networks (Organization type `ntwk`).
 */
export async function assemblePlanNet(
  resources: AsyncIterable<FhirResource>,
  options: AssemblePlanNetOptions = {},
): Promise<PlanNetDirectory> {
  const { index, stats: collected } = await collectPlanNet(resources, options);
  const stats: PlanNetStats = {
    ...collected,
    practitionersWithoutNpi: 0,
    rolesWithoutPractitioner: 0,
    invalidProfiles: 0,
    unresolvedLocations: 0,
    unresolvedEndpoints: 0,
    placeholderPositions: 0,
    geocodedLocations: 0,
    homeLocations: 0,
  };
  const byNpi = new Map<string, Practitioner[]>();
  for (const p of [...index.practitioners.values()].sort((a, b) => byKey(a.id, b.id))) {
    const npi = p.identifier?.find((i) => i.system === NPI_SYSTEM && i.value)?.value?.trim();
    if (!npi) {
      stats.practitionersWithoutNpi += 1;
      options.onIssue?.({ kind: 'invalid-resource', message: `Practitioner/${p.id} has no NPI` });
      continue;
    }
    byNpi.set(npi, [...(byNpi.get(npi) ?? []), p]);
  }
  const rolesByPractitioner = new Map<string, PractitionerRole[]>();
  for (const role of [...index.roles.values()].sort((a, b) => byKey(a.id, b.id))) {
    const id = refId(role.practitioner, 'Practitioner');
    if (!id || !index.practitioners.has(id)) {
      stats.rolesWithoutPractitioner += 1;
      continue;
    }
    rolesByPractitioner.set(id, [...(rolesByPractitioner.get(id) ?? []), role]);
  }
  const profiles: DirectoryProfile[] = [];
  for (const npi of [...byNpi.keys()].sort(byKey)) {
    const practitioners = byNpi.get(npi) ?? [];
    const roles = practitioners.flatMap((p) => rolesByPractitioner.get(p.id) ?? []);
    const profile = validProfile(
      buildProfile(npi, practitioners, roles, index, stats, {
        geocoder: options.geocoder,
        today: options.today,
      }),
      options.onIssue,
    );
    if (profile) profiles.push(profile);
    else stats.invalidProfiles += 1;
  }
  return {
    profiles,
    plans: planRecords(index, options.onIssue),
    networks: networkRecords(index),
    stats,
  };
}

function networkRecords(index: PlanNetIndex): NetworkRecord[] {
  return [...index.organizations.values()]
    .filter((o) => isNetwork(o.type))
    .map((o) => ({ id: o.id, name: o.name?.trim() || o.id }))
    .sort((a, b) => byKey(a.id, b.id));
}

/** Plan-Net marks a network Organization with type code `ntwk` (OrgTypeCS). */
function isNetwork(types: readonly CodeableConcept[] | undefined): boolean {
  return (types ?? []).some((t) => (t.coding ?? []).some((c) => c.code === 'ntwk'));
}

function planRecords(index: PlanNetIndex, onIssue: OnIssue | undefined): InsurancePlanRecord[] {
  const out: InsurancePlanRecord[] = [];
  for (const plan of [...index.plans.values()].sort((a, b) => byKey(a.id, b.id))) {
    const ownerId = refId(plan.ownedBy, 'Organization');
    const ownerName =
      plan.ownedBy?.display?.trim() || (ownerId && index.organizations.get(ownerId)?.name) || null;
    const refs = [...(plan.network ?? []), ...(plan.plan ?? []).flatMap((p) => p.network ?? [])];
    const networkIds = unique(
      refs.map((r) => refId(r, 'Organization')).filter((id) => id !== null),
    );
    const parsed = InsurancePlanRecord.safeParse({
      id: plan.id,
      name: plan.name?.trim() ?? '',
      ownerName,
      networkIds,
    });
    if (parsed.success) out.push(parsed.data);
    else {
      const path = (parsed.error.issues[0]?.path ?? []).map(String).join('.');
      onIssue?.({
        kind: 'invalid-record',
        message: `InsurancePlan/${plan.id} rejected at ${path}`,
        path,
      });
    }
  }
  return out;
}
