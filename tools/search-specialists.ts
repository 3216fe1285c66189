import { z } from 'zod';
import { GeoPoint, SpecialistProfile } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

export const searchSpecialists = defineTool({
  name: 'search_specialists',
  description: 'Find specialists of one specialty within a radius of a point, nearest first.',
  input: z.object({
    specialty: z.string().min(1).describe('Specialty key, e.g. "retina"'),
    near: GeoPoint.describe("The patient's coordinates"),
    radiusKm: z.number().positive().max(500).describe('Search radius in kilometres'),
    limit: z.number().int().positive().max(100).describe('Maximum number of specialists'),
  }),
  output: z.array(SpecialistProfile),
  check: (out, input) =>
    out.some((p) => !p.specialties.includes(input.specialty))
      ? 'Directory returned a specialist of another specialty'
      : null,
  execute: (input, deps) => deps.directory.search(input),
});
