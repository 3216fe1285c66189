import { z } from 'zod';
import { Address, ContactChannel, GeoPoint } from './patient.js';

export const DeliveryChannel = z.enum(['fhir', 'direct', 'fax', 'portal']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const SpecialistLocation = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  address: Address,
  location: GeoPoint,
  phone: z.string().min(1),
  fax: z.string().min(1).optional(),
});
export type SpecialistLocation = z.infer<typeof SpecialistLocation>;

/** A specialist as the directory knows them. */
export const SpecialistProfile = z.object({
  npi: z.string().regex(/^\d{10}$/),
  name: z.string().min(1),
  specialties: z.array(z.string().min(1)).min(1).describe('Our specialty keys, e.g. "retina"'),
  taxonomyCodes: z.array(z.string().regex(/^[0-9A-Z]{9}X$/)),
  locations: z.array(SpecialistLocation).min(1),
  networkIds: z.array(z.string().min(1)),
  languages: z.array(z.string().min(2)),
  acceptingNewPatients: z.boolean(),
  waitDays: z.number().int().nonnegative(),
  rating: z.number().min(0).max(5),
  loopClosureRate: z.number().min(0).max(1),
  delivery: z.object({ channel: DeliveryChannel, address: z.string().min(1) }),
  patientContact: ContactChannel.optional(),
});
export type SpecialistProfile = z.infer<typeof SpecialistProfile>;
