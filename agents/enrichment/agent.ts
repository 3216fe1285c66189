import type {
  AgentRun,
  ClinicalNote,
  Coverage,
  NetworkStatus,
  Patient,
  Referral,
} from '../../src/domain/index.js';
import type { AgentContext } from '../llm/index.js';
import { patientPhi } from '../phi-context.js';
import { runAgentTool } from '../tool-permissions.js';
import { summarizeHistory } from './summarize.js';

export interface Enrichment {
  patient: Patient;
  coverage: Coverage | null;
  network: NetworkStatus | null;
  /** What a coordinator should know: 'no_coverage', 'coverage_inactive'. */
  flags: string[];
  /** The history relevant to the reason, de-identified; null when nothing relevant is on file. */
  clinicalSummary: string | null;
  agentRuns: AgentRun[];
}

async function coverageOf(referral: Referral, ctx: AgentContext) {
  const { scope, runtime } = ctx;
  const input = { patientId: referral.patientId };
  const coverages = await runAgentTool('enrichment', 'get_insurance', input, scope, runtime);
  const coverage = coverages.find((c) => c.isPrimary) ?? coverages[0] ?? null;
  if (!coverage) return { coverage: null, network: null, flags: ['no_coverage'] };
  const network = await runAgentTool(
    'enrichment',
    'check_network_status',
    { payerId: coverage.payerId, planId: coverage.planId },
    scope,
    runtime,
  );
  return { coverage, network, flags: network.coverageActive ? [] : ['coverage_inactive'] };
}

/**
 * Pulls the patient, their primary coverage and its network status, and the clinical notes,
 * then summarises the part of the history relevant to the reason (de-identified).
 */
export async function runEnrichment(
  referral: Referral,
  specialtyLabels: readonly string[],
  ctx: AgentContext,
  today: Date,
): Promise<Enrichment> {
  const { scope, runtime } = ctx;
  const input = { patientId: referral.patientId };
  const patient = await runAgentTool('enrichment', 'get_patient', input, scope, runtime);
  const covered = await coverageOf(referral, ctx);
  const notes: ClinicalNote[] = await runAgentTool(
    'enrichment',
    'get_clinical_notes',
    input,
    scope,
    runtime,
  );
  const { summary, run } = await summarizeHistory(
    notes,
    { reason: referral.reason, diagnosisCodes: referral.diagnosisCodes, specialtyLabels },
    patientPhi(patient, covered.coverage, today),
    ctx,
  );
  return { patient, ...covered, clinicalSummary: summary, agentRuns: [run] };
}
