import { z } from 'zod';
import { AppError, DirectoryProfile, distanceKm, GeoPoint } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

const Hit = z.object({
  profile: DirectoryProfile,
  locationId: z.string().min(1),
  distanceKm: z.number().nonnegative(),
  textScore: z.number().nonnegative(),
});

export const getSpecialist = defineTool({
  name: 'get_specialist',
  description:
    'One practitioner of the directory, by NPI, at each of their located practice locations (or only the given one), with its distance from a point, nearest first. Unknown or inactive practitioners are NOT_FOUND.',
  input: z.object({
    npi: z
      .string()
      .regex(/^\d{10}$/)
      .describe('The practitioner'),
    locationId: z.string().min(1).max(200).optional().describe('Only this practice location'),
    near: GeoPoint.describe("The patient's coordinates"),
  }),
  output: z.array(Hit),
  check: (out, input) => {
    if (out.some((h) => h.profile.npi !== input.npi))
      return 'Directory returned another practitioner';
    if (out.some((h) => !h.profile.active)) return 'Directory returned an inactive practitioner';
    if (input.locationId && out.some((h) => h.locationId !== input.locationId))
      return 'Directory returned another location';
    return null;
  },
  execute: async (input, deps) => {
    const profile = await deps.profiles.getProfile(input.npi);
    if (!profile?.active) throw new AppError('NOT_FOUND', 'No such active practitioner');
    return profile.locations
      .filter((l) => input.locationId === undefined || l.id === input.locationId)
      .flatMap((l) =>
        l.position
          ? [
              {
                profile,
                locationId: l.id,
                distanceKm: distanceKm(input.near, l.position),
                textScore: 0,
              },
            ]
          : [],
      )
      .sort((a, b) => a.distanceKm - b.distanceKm);
  },
});
