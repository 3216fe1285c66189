import { chosenSpecialty, inferSpecialty, isSpecialtyKey } from '../../retrieval/index.js';
import { isAppError, type Referral, type SpecialtyInference } from '../../src/domain/index.js';
import { runTool, type ToolRuntime, type ToolScope } from '../../tools/index.js';

export interface IntakeResult {
  referral: Referral;
  specialty: SpecialtyInference;
}

/**
 * Reads the referral from the EHR (unless `fetched` was just read for this scope) and decides
 * which subspecialty it needs (deterministic rules), unless a coordinator chose one (`chosen`, a
 * catalog key): that one leads the plan, and the rules keep only their same-day finding.
 */
export async function runIntake(
  scope: ToolScope,
  runtime: ToolRuntime,
  fetched: Referral | null = null,
  chosen: string | null = null,
): Promise<IntakeResult> {
  const referral =
    fetched ?? (await runTool('get_referral', { referralId: scope.referralId }, scope, runtime));
  const inferred = inferSpecialty({
    requested: referral.specialty,
    diagnosisCodes: referral.diagnosisCodes,
    reason: referral.reason,
  });
  if (chosen === null) return { referral, specialty: inferred };
  if (!isSpecialtyKey(chosen)) throw new Error(`chosen specialty ${chosen} is not in the catalog`);
  return { referral, specialty: chosenSpecialty(chosen, inferred.urgentCondition) };
}

/**
 * Whether the practice's EHR knows this referral (and then the referral): an id that is missing
 * there, or is another practice's, is `unknown` (indistinguishably). An EHR that cannot answer
 * leaves it `unconfirmed`.
 */
export async function confirmReferral(
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<{ known: Referral } | 'unknown' | 'unconfirmed'> {
  try {
    return {
      known: await runTool('get_referral', { referralId: scope.referralId }, scope, runtime),
    };
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') return 'unknown';
    if (isAppError(error) && error.category === 'upstream') return 'unconfirmed';
    throw error;
  }
}
