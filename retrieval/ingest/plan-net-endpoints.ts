import type { DirectoryEndpoint } from '../../src/domain/index.js';
import { type PractitionerRole, refId } from './fhir-types.js';
import type { PlanNetIndex } from './plan-net-collect.js';
import { toDirectoryEndpoint } from './plan-net-extensions.js';
import { unique } from './validate.js';

/** Role endpoints, then those of its locations, then its organization's (referenced or managed). */
export function roleEndpoints(
  roles: readonly PractitionerRole[],
  index: PlanNetIndex,
  counters: { unresolvedEndpoints: number },
): DirectoryEndpoint[] {
  const ids: string[] = [];
  for (const role of roles) {
    const refs = [...(role.endpoint ?? [])];
    for (const ref of role.location ?? []) {
      const id = refId(ref, 'Location');
      refs.push(...((id && index.locations.get(id)?.endpoint) || []));
    }
    const orgId = refId(role.organization, 'Organization');
    if (orgId) refs.push(...(index.organizations.get(orgId)?.endpoint ?? []));
    for (const ref of refs) {
      const id = refId(ref, 'Endpoint');
      if (id && index.endpoints.has(id)) ids.push(id);
      else if (ref.reference) counters.unresolvedEndpoints += 1;
    }
    if (orgId) ids.push(...(index.endpointsByOrganization.get(orgId) ?? []));
  }
  const seen = new Set<string>();
  const out: DirectoryEndpoint[] = [];
  for (const id of unique(ids)) {
    const endpoint = index.endpoints.get(id);
    const mapped = endpoint ? toDirectoryEndpoint(endpoint) : null;
    const key = mapped ? `${mapped.channel}|${mapped.address.toLowerCase()}` : '';
    if (mapped && !seen.has(key)) {
      seen.add(key);
      out.push(mapped);
    }
  }
  return out;
}
