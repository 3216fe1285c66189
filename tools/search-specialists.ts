import { z } from 'zod';
import { GeoPoint, SpecialistProfile } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

export const searchSpecialists = defineTool({
  name: 'search_specialists',
  description:
    'Find specialists holding any of the given NUCC taxonomies within a radius of a point, nearest first.',
  input: z.object({
    taxonomies: z
      .array(z.string().regex(/^[0-9A-Z]{9}X$/))
      .min(1)
      .max(20)
      .describe('Acceptable NUCC taxonomy codes, e.g. "207WX0107X" (retina specialist)'),
    near: GeoPoint.describe("The patient's coordinates"),
    radiusKm: z.number().positive().max(500).describe('Search radius in kilometres'),
    limit: z.number().int().positive().max(100).describe('Maximum number of specialists'),
  }),
  output: z.array(SpecialistProfile),
  check: (out, input) =>
    out.some((p) => !p.taxonomyCodes.some((t) => input.taxonomies.includes(t)))
      ? 'Directory returned a specialist without an acceptable taxonomy'
      : null,
  execute: (input, deps) => deps.directory.search(input),
});
