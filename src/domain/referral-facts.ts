import { z } from 'zod';
import { Urgency } from './referral.js';

/**
 * What the queue and analytics know of a referral beyond its status, set with each move from the
 * thread's state: no patient data, only the dimensions a practice manager filters and groups by.
 * A null leaves what an earlier move recorded.
 */
export const ReferralFacts = z.object({
  /** The preferred specialty's key, and its label for people. */
  specialty: z.string().nullable(),
  specialtyLabel: z.string().nullable(),
  urgency: Urgency.nullable(),
  payerId: z.string().nullable(),
  payerName: z.string().nullable(),
  /** The specialist it was (or is about to be) sent to. */
  specialistNpi: z.string().nullable(),
  inNetwork: z.boolean().nullable(),
  /** No eligible in-network specialist was found (leakage, even if a coordinator later found one). */
  noInNetworkOption: z.boolean().nullable(),
  exceptionReason: z.string().nullable(),
  /** Agent steps that asked the LLM, and of those the ones the rules had to decide instead. */
  llmAttempts: z.number().int().nonnegative().nullable(),
  llmFallbacks: z.number().int().nonnegative().nullable(),
});
export type ReferralFacts = z.infer<typeof ReferralFacts>;

export const NO_FACTS: ReferralFacts = {
  specialty: null,
  specialtyLabel: null,
  urgency: null,
  payerId: null,
  payerName: null,
  specialistNpi: null,
  inNetwork: null,
  noInNetworkOption: null,
  exceptionReason: null,
  llmAttempts: null,
  llmFallbacks: null,
};
