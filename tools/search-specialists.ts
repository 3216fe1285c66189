import { z } from 'zod';
import { DirectoryProfile, GeoPoint } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

const Taxonomy = z.string().regex(/^[0-9A-Z]{9}X$/);

export const searchSpecialists = defineTool({
  name: 'search_specialists',
  description:
    'Find practitioners holding any of the given NUCC taxonomies within a radius of a point (optionally only in the given networks), nearest first.',
  input: z.object({
    taxonomies: z
      .array(Taxonomy)
      .min(1)
      .max(20)
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
    text: z.string().max(4000).optional().describe('The referral reason, for lexical relevance'),
    limit: z.number().int().positive().max(200).describe('Maximum number of hits'),
  }),
  output: z.array(
    z.object({
      profile: DirectoryProfile,
      locationId: z.string().min(1),
      distanceKm: z.number().nonnegative(),
      textScore: z.number().nonnegative(),
    }),
  ),
  check: (out, input) =>
    out.some((h) => !h.profile.taxonomyCodes.some((t) => input.taxonomies.includes(t)))
      ? 'Directory returned a practitioner without an acceptable taxonomy'
      : out.some((h) => h.distanceKm > input.radiusKm + 1e-9)
        ? 'Directory returned a location beyond the radius'
        : input.networkIds &&
            out.some((h) => !h.profile.networkIds.some((n) => input.networkIds?.includes(n)))
          ? 'Directory returned a practitioner outside the requested networks'
          : null,
  execute: ({ networkIds, excludeNotAccepting, text, ...rest }, deps) =>
    deps.directory.search({
      ...rest,
      ...(networkIds ? { networkIds } : {}),
      ...(excludeNotAccepting === undefined ? {} : { excludeNotAccepting }),
      ...(text === undefined ? {} : { text }),
    }),
});
