import { z } from 'zod';
import { Candidate } from './candidate.js';
import { Urgency } from './referral.js';
import { SpecialtyInference, SpecialtyTier } from './specialty.js';

/** An ad hoc match (the `referrals match` command and `POST /api/match`). */
export const MatchRequest = z.strictObject({
  reason: z.string().min(1).max(4000),
  diagnosisCodes: z
    .array(z.string().regex(/^[A-TV-Z][0-9][0-9AB](\.?[0-9A-TV-Z]{1,4})?$/))
    .max(20)
    .default([]),
  urgency: Urgency.default('routine'),
  maxDistanceMiles: z.number().positive().max(300).default(50),
  requestedTaxonomy: z
    .string()
    .regex(/^[0-9A-Z]{9}X$/)
    .optional(),
  patient: z.strictObject({
    postalCode: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    ageYears: z.number().int().min(0).max(130).optional(),
    sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
    language: z.string().min(2).max(35).default('en'),
    /** An imported InsurancePlan id; its networks bound the search. */
    planId: z.string().min(1).max(200),
  }),
});
export type MatchRequest = z.infer<typeof MatchRequest>;

export const MatchedCandidate = z.object({
  candidateId: z.string(),
  npi: z.string(),
  name: z.string(),
  taxonomy: z.string().nullable(),
  specialty: z.string().nullable(),
  distanceMiles: z.number(),
  networkIds: z.array(z.string()),
  score: z.number(),
  components: Candidate.shape.factors,
  explanation: z.string(),
  isValid: z.boolean(),
});
export type MatchedCandidate = z.infer<typeof MatchedCandidate>;

export const MatchResponse = z.object({
  status: z.enum(['matched', 'exception']),
  specialty: SpecialtyInference,
  /** The plan tier the candidates came from; absent on an exception. */
  tier: SpecialtyTier.optional(),
  candidates: z.array(MatchedCandidate),
  reason: z.string().optional(),
  alternatives: z.array(MatchedCandidate).optional(),
});
export type MatchResponse = z.infer<typeof MatchResponse>;

/** Why a tier of the specialty plan gave no eligible candidate: the first constraint that emptied it. */
export const TierFailure = z.enum([
  'coverage_inactive',
  'none_within_radius',
  'none_in_network',
  'none_accepting',
  'none_reachable',
  'all_excluded',
]);
export type TierFailure = z.infer<typeof TierFailure>;

/** One tier matching tried and found no one in. */
export const TierAttempt = z.object({
  tier: SpecialtyTier,
  /** The tier's specialty labels. */
  specialties: z.array(z.string()),
  failure: TierFailure,
});
export type TierAttempt = z.infer<typeof TierAttempt>;
