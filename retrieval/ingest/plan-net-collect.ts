import type { z } from 'zod';
import {
  Endpoint,
  type FhirResource,
  HealthcareService,
  InsurancePlan,
  Location,
  type OnIssue,
  Organization,
  Practitioner,
  PractitionerRole,
  refId,
} from './fhir-types.js';

/** The resources Plan-Net assembly uses, by id (first one wins when an id repeats). */
export interface PlanNetIndex {
  practitioners: Map<string, Practitioner>;
  roles: Map<string, PractitionerRole>;
  services: Map<string, HealthcareService>;
  locations: Map<string, Location>;
  organizations: Map<string, Organization>;
  plans: Map<string, InsurancePlan>;
  endpoints: Map<string, Endpoint>;
  /** Endpoint ids by their `managingOrganization` (the `Endpoint?organization=` link). */
  endpointsByOrganization: Map<string, string[]>;
}

export interface CollectStats {
  resources: number;
  byType: Record<string, number>;
  duplicates: number;
  invalidResources: number;
}

export interface CollectOptions {
  onProgress?(n: number): void;
  onIssue?: OnIssue;
}

const PROGRESS_EVERY = 1000;

export async function collectPlanNet(
  resources: AsyncIterable<FhirResource>,
  options: CollectOptions = {},
): Promise<{ index: PlanNetIndex; stats: CollectStats }> {
  const index: PlanNetIndex = {
    practitioners: new Map(),
    roles: new Map(),
    services: new Map(),
    locations: new Map(),
    organizations: new Map(),
    plans: new Map(),
    endpoints: new Map(),
    endpointsByOrganization: new Map(),
  };
  const stats: CollectStats = { resources: 0, byType: {}, duplicates: 0, invalidResources: 0 };
  const keep = <T extends { id: string }>(
    map: Map<string, T>,
    schema: z.ZodType<T>,
    r: FhirResource,
  ) => {
    const parsed = schema.safeParse(r);
    if (!parsed.success) {
      stats.invalidResources += 1;
      const path = (parsed.error.issues[0]?.path ?? []).map(String).join('.');
      options.onIssue?.({
        kind: 'invalid-resource',
        message: `${r.resourceType}/${r.id ?? '(no id)'} skipped: unexpected shape at ${path || '(root)'}`,
        path,
      });
      return;
    }
    if (map.has(parsed.data.id)) stats.duplicates += 1;
    else map.set(parsed.data.id, parsed.data);
  };
  for await (const r of resources) {
    stats.resources += 1;
    stats.byType[r.resourceType] = (stats.byType[r.resourceType] ?? 0) + 1;
    if (stats.resources % PROGRESS_EVERY === 0) options.onProgress?.(stats.resources);
    if (r.resourceType === 'Practitioner') keep(index.practitioners, Practitioner, r);
    else if (r.resourceType === 'PractitionerRole') keep(index.roles, PractitionerRole, r);
    else if (r.resourceType === 'HealthcareService') keep(index.services, HealthcareService, r);
    else if (r.resourceType === 'Location') keep(index.locations, Location, r);
    else if (r.resourceType === 'Organization') keep(index.organizations, Organization, r);
    else if (r.resourceType === 'InsurancePlan') keep(index.plans, InsurancePlan, r);
    else if (r.resourceType === 'Endpoint') keep(index.endpoints, Endpoint, r);
  }
  options.onProgress?.(stats.resources);
  for (const endpoint of index.endpoints.values()) {
    const org = refId(endpoint.managingOrganization, 'Organization');
    if (!org) continue;
    const list = index.endpointsByOrganization.get(org) ?? [];
    list.push(endpoint.id);
    index.endpointsByOrganization.set(org, list);
  }
  return { index, stats };
}
