import { z } from 'zod';

/** One acceptable kind of specialist: our key, a label people read, and its NUCC taxonomy codes. */
export const SpecialtyMatch = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  taxonomies: z.array(z.string().regex(/^[0-9A-Z]{9}X$/)).min(1),
});
export type SpecialtyMatch = z.infer<typeof SpecialtyMatch>;

/** Matching tries the preferred tier first, the acceptable fallbacks only when it finds no one. */
export const SpecialtyTier = z.enum(['preferred', 'fallback']);
export type SpecialtyTier = z.infer<typeof SpecialtyTier>;

/** A specialty in a referral's plan: which tier, which condition it serves, and what showed it. */
export const PlannedSpecialty = SpecialtyMatch.extend({
  tier: SpecialtyTier.default('preferred'),
  /** The condition it serves, in words ('diabetic retinopathy'); empty in plans saved before tiers. */
  condition: z.string().default(''),
  /** The code or catalog phrase that showed the condition: never free text from the referral. */
  evidence: z.string().default(''),
});
export type PlannedSpecialty = z.infer<typeof PlannedSpecialty>;

/** Which specialists a referral needs as a ranked plan (preferred tier first), and how sure the rules are. */
export const SpecialtyInference = z.object({
  specialties: z.array(PlannedSpecialty),
  /**
   * high: a requested specialty, a mapped diagnosis code, or a coordinator's choice; medium: a
   * phrase in the reason; none: unmapped.
   */
  confidence: z.enum(['high', 'medium', 'none']),
  /** `coordinator`: chosen at an exception (a specialty, or a specialist's own specialty). */
  source: z.enum(['requested', 'diagnosis', 'reason', 'llm', 'coordinator', 'none']),
  /** The codes or phrases that decided it: never free text from the referral. */
  evidence: z.string(),
  /** A condition found that needs care the same day or the next (papilledema, retinal detachment). */
  urgentCondition: z.string().nullable().default(null),
});
export type SpecialtyInference = z.infer<typeof SpecialtyInference>;
