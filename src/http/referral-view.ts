import type { PendingInterrupt, ReferralRef, ReferralRunner, State } from '../../graph/index.js';
import {
  type AuditEvent,
  AWAIT_KINDS,
  type ReferralRecord,
  type StoredDocument,
  type TimerStore,
} from '../domain/index.js';

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

const isAwait = (g: PendingInterrupt) => (AWAIT_KINDS as readonly string[]).includes(g.kind);

function gateOf(gates: PendingInterrupt[]) {
  const gate = gates.find((g) => !isAwait(g)) ?? gates[0];
  return gate
    ? { interruptId: gate.id, kind: gate.kind, request: gate.value as Record<string, unknown> }
    : null;
}

async function waitingOf(gates: PendingInterrupt[], ref: ReferralRef, timers: TimerStore) {
  const gate = gates.find(isAwait);
  if (!gate) return null;
  const timer = await timers.get(ref.practiceId, ref.referralId);
  const kind = AWAIT_KINDS.find((k) => k === gate.kind) ?? 'await-response';
  return { kind, timer: timer?.kind ?? null, dueAt: timer?.dueAt ?? null };
}

function consultOf(documents: StoredDocument[], consult: State['loop']['consult'] | undefined) {
  const doc = documents.find((d) => d.id === consult?.documentId) ?? documents.at(-1);
  if (!doc) return null;
  return {
    documentId: doc.id,
    title: doc.title,
    summary: doc.id === consult?.documentId ? consult.summary : doc.summary,
    authorNpi: doc.authorNpi,
    encounterDate: doc.encounterDate,
    receivedAt: doc.receivedAt,
    href: `/api/referrals/${encodeURIComponent(doc.referralId)}/documents/${doc.id}`,
  };
}

export type ReferralDetailView = Awaited<ReturnType<typeof detailOf>>;

/** What a coordinator sees of one referral: where it is, who was proposed and why, what waits. */
export async function detailOf(
  record: ReferralRecord,
  deps: {
    runner: ReferralRunner;
    audit: AuditEvent[];
    timers: TimerStore;
    documents: StoredDocument[];
  },
) {
  const ref = { practiceId: record.practiceId, referralId: record.id };
  const state: State | null = await deps.runner.state(ref);
  const gates = state ? await deps.runner.pending(ref) : [];
  return {
    ...summaryOf(record),
    reason: state?.referral
      ? {
          text: state.referral.reason,
          diagnosisCodes: state.referral.diagnosisCodes,
          urgency: state.referral.urgency,
        }
      : null,
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
    waiting: await waitingOf(gates, ref, deps.timers),
    appointmentAt: state?.loop.appointmentAt ?? null,
    consultNote: consultOf(deps.documents, state?.loop.consult),
    timeline: timelineOf(deps.audit),
  };
}
