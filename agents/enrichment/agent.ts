import type { Coverage, NetworkStatus, Patient, Referral } from '../../src/domain/index.js';
import { runTool, type ToolRuntime, type ToolScope } from '../../tools/index.js';

export interface Enrichment {
  patient: Patient;
  coverage: Coverage | null;
  network: NetworkStatus | null;
  /** What a coordinator should know: 'no_coverage', 'coverage_inactive'. */
  flags: string[];
}

/** Pulls the patient, their primary coverage, and the payer's network status for that plan. */
export async function runEnrichment(
  referral: Referral,
  scope: ToolScope,
  runtime: ToolRuntime,
): Promise<Enrichment> {
  const patient = await runTool('get_patient', { patientId: referral.patientId }, scope, runtime);
  const coverages = await runTool(
    'get_insurance',
    { patientId: referral.patientId },
    scope,
    runtime,
  );
  const coverage = coverages.find((c) => c.isPrimary) ?? coverages[0] ?? null;
  if (!coverage) return { patient, coverage: null, network: null, flags: ['no_coverage'] };
  const network = await runTool(
    'check_network_status',
    { payerId: coverage.payerId, planId: coverage.planId },
    scope,
    runtime,
  );
  return { patient, coverage, network, flags: network.coverageActive ? [] : ['coverage_inactive'] };
}
