import type { AgentRun, HumanInterrupt } from '../src/domain/index.js';
import type { State } from './state.js';

export const REVIEW_ACTION = 'send_referral';
export const EXCEPTION_ACTION = 'resolve_exception';

function pathLine(run: AgentRun): string {
  if (run.path === 'llm') return `- ${run.agent} (${run.step}): LLM, ${run.prompt}`;
  const why =
    run.fallback === 'not_configured' ? 'no LLM configured' : (run.detail ?? run.fallback);
  return `- ${run.agent} (${run.step}): rules${why ? `; ${why}` : ''}`;
}

/** How each agent step was decided, and anything the reviewer should know about it. */
export function preparedBy(state: State): string[] {
  if (state.agentRuns.length === 0) return [];
  return ['', 'How this was prepared:', ...state.agentRuns.map(pathLine)];
}

/** The review gate in Agent Inbox shape: accept the recommendation, edit it, or respond to reject. */
export function reviewRequest(state: State): HumanInterrupt {
  const lines = state.candidates.map(
    (c, i) =>
      `${i + 1}. **${c.name}**, ${c.locationName} (${c.city}) · score ${c.score}${c.isValid ? '' : ' · not eligible'}\n` +
      c.reasons.map((r) => `   - ${r}`).join('\n'),
  );
  return {
    action_request: {
      action: REVIEW_ACTION,
      args: {
        referral_id: state.referralId,
        candidate_id: state.recommendedId,
        note: state.note ?? '',
        candidates: state.candidates.filter((c) => c.isValid).map((c) => c.candidateId),
        packet_subject: state.packet?.subject ?? null,
        packet_body: state.packet?.body ?? null,
        office_message: state.outreach?.officeMessage ?? null,
        patient_message: state.outreach?.patientMessage.text ?? null,
        patient_language: state.outreach?.patientMessage.language ?? null,
      },
    },
    config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: false },
    description: [
      `Referral **${state.referralId}** needs **${state.specialty?.specialties[0]?.label ?? 'a specialist'}** (confidence ${state.specialty?.confidence ?? 'none'}) (${state.referral?.urgency ?? 'routine'}).`,
      ...planLines(state),
      ...(state.flags.length > 0 ? [`Flags: ${state.flags.join(', ')}`] : []),
      ...(state.clinicalSummary ? ['', `Relevant history: ${state.clinicalSummary}`] : []),
      ...(state.rationale ? ['', `Why the first choice: ${state.rationale}`] : []),
      '',
      ...lines,
      ...preparedBy(state),
    ].join('\n'),
  };
}

/** The specialty plan, one line per tier: each specialty with the condition it serves. */
function planLines(state: State): string[] {
  const plan = state.specialty?.specialties ?? [];
  const tier = (which: 'preferred' | 'fallback', title: string) => {
    const entries = plan.filter((s) => s.tier === which);
    if (entries.length === 0) return [];
    const items = entries.map((s) =>
      s.condition ? `${s.label} (${s.condition}, ${s.evidence})` : s.label,
    );
    return [`${title}: ${items.join('; ')}`];
  };
  const urgent = state.specialty?.urgentCondition;
  return [
    ...tier('preferred', 'Preferred'),
    ...tier('fallback', 'Acceptable fallback'),
    ...(urgent ? [`Same-day or next-day care advised: ${urgent}`] : []),
  ];
}

/**
 * The exception gate: accept retries from intake; edit retries with `args.specialty` (a catalog
 * key) or `args.npi` (and `args.location_id`), a specialist of the directory; respond (or ignore)
 * cancels with a reason.
 */
export function exceptionRequest(state: State): HumanInterrupt {
  const info = state.exception;
  const refused = state.candidates
    .filter((c) => !c.isValid && info?.reason === 'chosen_specialist_ineligible')
    .map((c) => `- ${c.name}, ${c.locationName} (${c.city}): ${c.explanation}`);
  const ways = state.alternatives.map(
    (c) =>
      `- ${c.name}, ${c.locationName} (${c.city}), ${c.distanceKm} km: ` +
      (c.checks.inNetwork ? 'in network, beyond the radius' : 'within the radius, out of network'),
  );
  return {
    action_request: {
      action: EXCEPTION_ACTION,
      args: {
        referral_id: state.referralId,
        reason: info?.reason ?? 'unknown',
        stage: info?.stage ?? 'intake',
        detail: info?.detail ?? null,
        alternatives: state.alternatives.map((c) => c.candidateId),
      },
    },
    config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
    description: [
      `Referral **${state.referralId}** stopped at **${info?.stage}**: ${info?.detail ?? info?.reason} (${info?.code}).`,
      ...(ways.length > 0 ? ['', 'Nearest ways out:', ...ways] : []),
      ...(refused.length > 0 ? ['', 'The specialist you chose:', ...refused] : []),
      '',
      'Accept to retry; edit to retry with a specialty (specialty) or a specialist of the directory (npi, location_id); or respond to cancel it.',
    ].join('\n'),
  };
}
