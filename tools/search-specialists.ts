import { z } from 'zod';
import { DirectoryProfile, deliveryOf, GeoPoint } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

const Taxonomy = z.string().regex(/^[0-9A-Z]{9}X$/);
const Npi = z.string().regex(/^\d{10}$/);

const Input = z.object({
  taxonomies: z
    .array(Taxonomy)
    .min(1)
    .max(64)
    .describe('Acceptable NUCC codes, e.g. "207WX0107X" (retina)'),
  networkIds: z
    .array(z.string().min(1))
    .max(50)
    .optional()
    .describe("Only these networks (the patient's plan)"),
  near: GeoPoint.describe("The patient's coordinates"),
  radiusKm: z.number().positive().max(500).describe('Search radius in kilometres'),
  excludeNotAccepting: z
    .boolean()
    .optional()
    .describe('Leave out locations closed to new patients'),
  excludeNpis: z
    .array(Npi)
    .max(200)
    .optional()
    .describe('Leave out these practitioners (already rejected or declined)'),
  requireReachable: z
    .boolean()
    .optional()
    .describe('Only practitioners a referral can be sent to at that location (endpoint or fax)'),
  text: z.string().max(4000).optional().describe('The referral reason, for lexical relevance'),
  limit: z.number().int().positive().max(200).describe('Maximum number of hits'),
});

const Hit = z.object({
  profile: DirectoryProfile,
  locationId: z.string().min(1),
  distanceKm: z.number().nonnegative(),
  textScore: z.number().nonnegative(),
});

/** The hard constraints of the request, checked again on what the directory returned. */
function violation(
  out: readonly z.infer<typeof Hit>[],
  input: z.infer<typeof Input>,
): string | null {
  const locationOf = (h: z.infer<typeof Hit>) =>
    h.profile.locations.find((l) => l.id === h.locationId);
  const excluded = new Set(input.excludeNpis ?? []);
  if (out.some((h) => !h.profile.taxonomyCodes.some((t) => input.taxonomies.includes(t))))
    return 'Directory returned a practitioner without an acceptable taxonomy';
  if (out.some((h) => h.distanceKm > input.radiusKm + 1e-9))
    return 'Directory returned a location beyond the radius';
  const networks = input.networkIds;
  if (networks && out.some((h) => !h.profile.networkIds.some((n) => networks.includes(n))))
    return 'Directory returned a practitioner outside the requested networks';
  if (out.some((h) => excluded.has(h.profile.npi)))
    return 'Directory returned an excluded practitioner';
  if (
    input.excludeNotAccepting &&
    out.some(
      (h) => (locationOf(h)?.acceptingNewPatients ?? h.profile.acceptingNewPatients) === false,
    )
  )
    return 'Directory returned a location closed to new patients';
  if (input.requireReachable && out.some((h) => !deliveryOf(h.profile, locationOf(h)?.fax ?? null)))
    return 'Directory returned a practitioner a referral cannot be sent to';
  return null;
}

export const searchSpecialists = defineTool({
  name: 'search_specialists',
  description:
    'Find the nearest eligible practitioners holding any of the given NUCC taxonomies within a radius of a point (optionally only in the given networks, open to new patients, reachable, and not among excluded NPIs), nearest first.',
  input: Input,
  output: z.array(Hit),
  check: (out, input) => violation(out, input),
  execute: (
    { networkIds, excludeNotAccepting, excludeNpis, requireReachable, text, ...rest },
    deps,
  ) =>
    deps.directory.search({
      ...rest,
      ...(networkIds ? { networkIds } : {}),
      ...(excludeNotAccepting === undefined ? {} : { excludeNotAccepting }),
      ...(excludeNpis === undefined ? {} : { excludeNpis }),
      ...(requireReachable === undefined ? {} : { requireReachable }),
      ...(text === undefined ? {} : { text }),
    }),
});
