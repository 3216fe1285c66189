import type { z } from 'zod';
import type {
  DirectoryIndex,
  DirectoryRepo,
  EhrClient,
  OutcomeStore,
  PayerClient,
} from '../src/domain/index.js';

/** The ports a tool may reach; tools never see concrete clients. */
export interface ToolDeps {
  ehr: EhrClient;
  payer: PayerClient;
  directory: DirectoryIndex;
  plans: Pick<DirectoryRepo, 'getPlan'>;
  /** The directory's merged profiles (the source of truth the index is built from). */
  profiles: Pick<DirectoryRepo, 'getProfile'>;
  /** The practice's own record with each specialist. */
  outcomes: OutcomeStore;
}

/** Who a tool call runs for: every call is scoped to one practice and one referral. */
export interface ToolScope {
  practiceId: string;
  referralId: string;
}

export interface ToolDefinition<I extends z.ZodType, O extends z.ZodType> {
  name: string;
  description: string;
  input: I;
  output: O;
  /** Business rules on the output, beyond its shape; returns a reason to refuse, or null. */
  check?: (output: z.infer<O>, input: z.infer<I>, scope: ToolScope) => string | null;
  execute(input: z.infer<I>, deps: ToolDeps, scope: ToolScope): Promise<z.infer<O>>;
}

/**
 * Declares a pre-approved tool: zod input and output, a business-rule check, and the effect.
 * @example defineTool({ name: 'get_patient', description, input, output, execute: (i, d) => d.ehr.getPatient(i.patientId) })
 */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}
