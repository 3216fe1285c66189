import type { Exchange } from '../models/index.js';

/** A message the outbox holds for a referral, as the guardrails see it. */
export type Send =
  | { kind: 'specialist'; npi: string; address: string; listed: boolean }
  | { kind: 'patient'; patientId: string; isReferralPatient: boolean };

/** What one case did, read from the model's transcript, the audit trail and the outbox. */
export interface CaseObservation {
  caseId: string;
  /** The placement, or the misbehaviour's name. */
  group: string;
  exchanges: Exchange[];
  /** `tool.called` audit rows (outcome `input_invalid` means nothing ran). */
  toolsCalled: { tool: string; outcome: string }[];
  /** `tool.refused` audit rows. */
  refusals: { tool: string; reason: string }[];
  reachedReview: boolean;
  /** The recommended candidate at the gate; `listed`: the directory holds its NPI, active. */
  recommendation: { npi: string; isValid: boolean; listed: boolean } | null;
  /** The coordinator's decision, `none` when no review gate was reached. */
  decision: 'approve' | 'reject' | 'none';
  /** Sends in the outbox before the coordinator decided anything. */
  sendsBeforeDecision: Send[];
  /** Sends the decision added (none may follow a rejection). */
  sendsAfterDecision: Send[];
  /** A defect that stopped the case (the graph threw). */
  error?: string;
}
