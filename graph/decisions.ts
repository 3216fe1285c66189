import { AppError, type HumanResponses, type ReviewDecision } from '../src/domain/index.js';
import type { PendingInterrupt } from './runner.js';
import type { State } from './state.js';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, {
    issues: [{ path, code: 'invalid_value', message }],
  });

function actionRequest(gate: PendingInterrupt) {
  const v = gate.value as { action_request: { action: string; args: Record<string, unknown> } };
  return v.action_request;
}

/**
 * Translates a coordinator's API decision into the Agent Inbox response the gate expects,
 * refusing what the gate does not allow (a candidate that was not retrieved and validated).
 */
export function toHumanResponses(
  decision: ReviewDecision,
  gate: PendingInterrupt,
  state: State,
): HumanResponses {
  const request = actionRequest(gate);
  if (gate.kind === 'exception') {
    if (decision.decision === 'retry' || decision.decision === 'approve') {
      return [{ type: 'accept', args: request }];
    }
    if (decision.decision === 'reject' || decision.decision === 'cancel') {
      return [{ type: 'response', args: decision.note ?? 'Cancelled by coordinator' }];
    }
    throw invalid(
      'decision',
      'An exception can be retried (retry or approve) or cancelled (cancel or reject)',
    );
  }
  if (gate.kind !== 'review') throw new AppError('CONFLICT', 'No human decision is pending');
  if (decision.decision === 'retry')
    throw invalid('decision', 'A review takes approve, edit, reject or cancel');
  if (decision.decision === 'cancel') return [{ type: 'ignore', args: null }];
  if (decision.decision === 'reject') {
    return [{ type: 'response', args: decision.note ?? 'Rejected by coordinator' }];
  }
  const edits = [
    decision.candidateId,
    decision.note,
    decision.packetBody,
    decision.patientMessage,
  ].filter((v) => v !== undefined);
  if (decision.decision !== 'edit' && edits.length === 0) {
    return [{ type: 'accept', args: request }];
  }
  if (edits.length === 0) {
    throw invalid(
      'candidateId',
      'An edit names another candidateId, a note, a packetBody or a patientMessage',
    );
  }
  if (decision.candidateId !== undefined) {
    const candidate = state.candidates.find((c) => c.candidateId === decision.candidateId);
    if (!candidate?.isValid) {
      throw invalid(
        'candidateId',
        'candidateId must be one of the eligible candidates of this referral',
      );
    }
  }
  return [
    {
      type: 'edit',
      args: {
        action: request.action,
        args: {
          ...request.args,
          candidate_id: decision.candidateId ?? state.recommendedId,
          note: decision.note ?? '',
          packet_body: decision.packetBody ?? null,
          patient_message: decision.patientMessage ?? null,
        },
      },
    },
  ];
}
