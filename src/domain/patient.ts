import { z } from 'zod';

export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

export const Address = z.object({
  line: z.string().min(1),
  city: z.string().min(1),
  state: z.string().length(2),
  postalCode: z.string().regex(/^\d{5}$/),
});
export type Address = z.infer<typeof Address>;

export const ContactChannel = z.enum(['sms', 'email', 'phone', 'portal', 'mail']);
export type ContactChannel = z.infer<typeof ContactChannel>;

/** The demographic subset of a patient the service works with. */
export const Patient = z.object({
  id: z.string().min(1),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  birthDate: z.iso.date(),
  sex: z.enum(['female', 'male', 'other', 'unknown']),
  address: Address,
  location: GeoPoint,
  language: z.string().min(2).describe('BCP-47 primary language tag, e.g. "en", "es"'),
  preferredChannel: ContactChannel,
  phone: z.string().optional(),
  /** The practice's medical record number: how an office's HL7 messages name the patient. */
  mrn: z.string().optional(),
  email: z.string().optional(),
});
export type Patient = z.infer<typeof Patient>;

export const ReferringProvider = z.object({
  id: z.string().min(1),
  npi: z.string().regex(/^\d{10}$/),
  name: z.string().min(1),
});
export type ReferringProvider = z.infer<typeof ReferringProvider>;
