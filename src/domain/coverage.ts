import { z } from 'zod';

/** One insurance coverage of a patient, as the EHR holds it. */
export const Coverage = z.object({
  payerId: z.string().min(1),
  payerName: z.string().min(1),
  planId: z.string().min(1),
  planName: z.string().min(1),
  memberId: z.string().min(1),
  isPrimary: z.boolean(),
});
export type Coverage = z.infer<typeof Coverage>;

/** What the payer says about a plan: whether the coverage is active and which networks it pays in. */
export const NetworkStatus = z.object({
  payerId: z.string().min(1),
  planId: z.string().min(1),
  coverageActive: z.boolean(),
  networkIds: z.array(z.string().min(1)),
});
export type NetworkStatus = z.infer<typeof NetworkStatus>;
