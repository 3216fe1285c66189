import { z } from 'zod';

/** One acceptable kind of specialist: our key, a label people read, and its NUCC taxonomy codes. */
export const SpecialtyMatch = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  taxonomies: z.array(z.string().regex(/^[0-9A-Z]{9}X$/)).min(1),
});
export type SpecialtyMatch = z.infer<typeof SpecialtyMatch>;

/** Which specialists a referral needs, most specific first, and how sure the rules are. */
export const SpecialtyInference = z.object({
  specialties: z.array(SpecialtyMatch),
  /** high: a requested specialty or a mapped diagnosis code; medium: a keyword in the reason; none: unmapped. */
  confidence: z.enum(['high', 'medium', 'none']),
  source: z.enum(['requested', 'diagnosis', 'reason', 'llm', 'none']),
  /** The code or keyword that decided it: never free text from the referral. */
  evidence: z.string(),
});
export type SpecialtyInference = z.infer<typeof SpecialtyInference>;
