import type { PendingInterrupt, ReferralRunner, State } from '../../graph/index.js';
import type { AuditEvent, ReferralRecord } from '../domain/index.js';

export function summaryOf(r: ReferralRecord) {
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    referralType: r.referralType,
    pending: r.pendingInterruptKind,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function timelineOf(audit: AuditEvent[]) {
  return audit
    .filter((e) => e.action === 'referral.transition')
    .map((e) => ({
      at: e.at,
      actor: e.actor,
      from: typeof e.data.from === 'string' ? e.data.from : null,
      to: String(e.data.to),
    }));
}

function gateOf(gates: PendingInterrupt[]) {
  const gate = gates.find((g) => g.kind !== 'await-response') ?? gates[0];
  return gate
    ? { interruptId: gate.id, kind: gate.kind, request: gate.value as Record<string, unknown> }
    : null;
}

/** What a coordinator sees of one referral: where it is, who was proposed and why, what waits. */
export async function detailOf(
  record: ReferralRecord,
  deps: { runner: ReferralRunner; audit: AuditEvent[] },
) {
  const ref = { practiceId: record.practiceId, referralId: record.id };
  const state: State | null = await deps.runner.state(ref);
  const gates = state ? await deps.runner.pending(ref) : [];
  return {
    ...summaryOf(record),
    specialty: state?.specialty ?? null,
    flags: state?.flags ?? [],
    candidates: state?.candidates ?? [],
    recommendedCandidateId: state?.recommendedId ?? null,
    selectedCandidateId: state?.selectedId ?? null,
    packet: state?.packet ?? null,
    outreach: state?.outreach ?? null,
    clinicalSummary: state?.clinicalSummary ?? null,
    rationale: state?.rationale ?? null,
    agentRuns: state?.agentRuns ?? [],
    exception: state?.exception ?? null,
    alternatives: state?.alternatives ?? [],
    pendingReview: gateOf(gates),
    timeline: timelineOf(deps.audit),
  };
}
