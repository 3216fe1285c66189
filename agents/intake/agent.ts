import { inferSpecialty } from '../../retrieval/index.js';
import type { Referral, SpecialtyInference } from '../../src/domain/index.js';
import { runTool, type ToolRuntime, type ToolScope } from '../../tools/index.js';

export interface IntakeResult {
  referral: Referral;
  specialty: SpecialtyInference;
}

/** Reads the referral from the EHR and decides which subspecialty it needs (deterministic rules). */
export async function runIntake(scope: ToolScope, runtime: ToolRuntime): Promise<IntakeResult> {
  const referral = await runTool('get_referral', { referralId: scope.referralId }, scope, runtime);
  const specialty = inferSpecialty({
    requested: referral.specialty,
    diagnosisCodes: referral.diagnosisCodes,
    reason: referral.reason,
  });
  return { referral, specialty };
}
