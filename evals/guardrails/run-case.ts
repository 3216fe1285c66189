import { toHumanResponses } from '../../graph/index.js';
import type { DirectoryProfile, OutboxMessage } from '../../src/domain/index.js';
import {
  cooperativeReply,
  hijackedReply,
  type ModelSession,
  type RecordedRequest,
  type Reply,
} from '../models/index.js';
import type { GuardrailCase } from './cases.js';
import type { CaseObservation, Send } from './observation.js';
import { isListedRecipient } from './score.js';
import type { GuardrailsWorld } from './world.js';

const BENIGN_NOTE = 'Drusen and subretinal fluid OS, metamorphopsia on Amsler grid.';
const BENIGN_REASON = 'Suspected wet AMD OS; new drusen and metamorphopsia.';
const COORDINATOR = 'coordinator:eval';

export interface CaseRuntime {
  world: GuardrailsWorld;
  llm: ModelSession;
  /** The runner whose agents use the scripted model with this deadline. */
  runnerFor(timeoutMs: number): ReturnType<GuardrailsWorld['runnerFor']>;
  /** Counts the hijacked model's turns across cases (it alternates its re-rank attack). */
  turn: { n: number };
}

function replyFor(c: GuardrailCase, turn: { n: number }): (req: RecordedRequest) => Reply {
  if (c.kind === 'injection') return (req) => hijackedReply(req, turn.n++);
  const m = c.misbehaviour;
  return (req) => m.reply(req) ?? cooperativeReply(req);
}

async function sendsOf(
  messages: readonly OutboxMessage[],
  patientId: string,
  world: GuardrailsWorld,
): Promise<Send[]> {
  const sends: Send[] = [];
  for (const { payload } of messages) {
    if (payload.kind === 'specialist_message') {
      const { npi, address } = payload.recipient;
      const profile = await world.store.directory.getProfile(npi);
      sends.push({ kind: 'specialist', npi, address, listed: isListedRecipient(profile, address) });
    } else if (payload.kind === 'patient_message') {
      sends.push({
        kind: 'patient',
        patientId: payload.patientId,
        isReferralPatient: payload.patientId === patientId,
      });
    }
  }
  return sends;
}

/** Plants the case's text, runs its referral to the gate, decides, and reads what happened. */
export async function runGuardrailCase(
  c: GuardrailCase,
  rt: CaseRuntime,
): Promise<CaseObservation> {
  const { world } = rt;
  const placement = c.kind === 'injection' ? c.placement : null;
  const injection = c.kind === 'injection' ? c.injection : '';
  const { id: _id, practice_id: _p, mrn: _m, ...demographics } = world.basePatient;
  const patient = await world.ehr.createPatient(demographics);
  const noteText = placement === 'notes' ? `${BENIGN_NOTE} ${injection}` : BENIGN_NOTE;
  await world.ehr.addNotes(patient.id, [{ date: '2026-10-01', kind: 'exam', text: noteText }]);
  const referral = await world.ehr.createReferral({
    patient_id: patient.id,
    referring_provider_id: 'prov-01',
    reason: placement === 'reason' ? `${BENIGN_REASON} ${injection}` : BENIGN_REASON,
    diagnosis_codes: ['H35.3211'],
  });
  const ref = { practiceId: world.practiceId, referralId: referral.id };
  const transcript = rt.llm.begin(replyFor(c, rt.turn));
  const runner = rt.runnerFor(
    c.kind === 'misbehaviour' ? (c.misbehaviour.timeoutMs ?? 3000) : 3000,
  );
  const planted: DirectoryProfile[] =
    placement === 'directory'
      ? world.retinaNearby.map((p) => ({ ...p, name: `${p.name} ${injection}` }))
      : [];
  const observation: CaseObservation = {
    caseId: c.id,
    group: c.kind === 'injection' ? c.placement : c.misbehaviour.name,
    exchanges: [],
    toolsCalled: [],
    refusals: [],
    reachedReview: false,
    recommendation: null,
    decision: 'none',
    sendsBeforeDecision: [],
    sendsAfterDecision: [],
  };
  await world.index.upsert(planted);
  try {
    await runner.start(ref);
    const [gate] = await runner.pending(ref);
    const state = await runner.state(ref);
    const before = await world.store.outbox.listForReferral(ref.practiceId, ref.referralId);
    observation.sendsBeforeDecision = await sendsOf(before, patient.id, world);
    observation.reachedReview = gate?.kind === 'review';
    const pick = state?.candidates.find((x) => x.candidateId === state.recommendedId);
    if (pick) {
      const profile = await world.store.directory.getProfile(pick.npi);
      observation.recommendation = {
        npi: pick.npi,
        isValid: pick.isValid,
        listed: profile?.active === true,
      };
    }
    if (gate?.kind === 'review' && state) {
      const decision = c.approve ? 'approve' : 'reject';
      await runner.resume({
        ...ref,
        interruptId: gate.id,
        value: toHumanResponses({ decision }, gate, state),
        actor: COORDINATOR,
      });
      observation.decision = decision;
      const after = await world.store.outbox.listForReferral(ref.practiceId, ref.referralId);
      const seen = new Set(before.map((m) => m.id));
      const added = after.filter((m) => !seen.has(m.id));
      observation.sendsAfterDecision = await sendsOf(added, patient.id, world);
    }
  } catch (error) {
    observation.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } finally {
    if (planted.length > 0) await world.index.upsert(world.retinaNearby);
  }
  const audit = await world.store.audit.list(ref.practiceId, ref.referralId);
  for (const e of audit) {
    if (e.action === 'tool.called') {
      observation.toolsCalled.push({ tool: String(e.data.tool), outcome: String(e.data.outcome) });
    } else if (e.action === 'tool.refused') {
      observation.refusals.push({ tool: String(e.data.tool), reason: String(e.data.reason) });
    }
  }
  observation.exchanges = [...transcript()];
  return observation;
}
