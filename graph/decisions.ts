import { isSpecialtyKey } from '../retrieval/index.js';
import {
  AppError,
  type DirectoryRepo,
  type HumanResponses,
  type ReviewDecision,
} from '../src/domain/index.js';
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

/** The field naming a coordinator's own choice at an exception, if the decision has one. */
function choiceField(decision: ReviewDecision): 'specialty' | 'npi' | 'locationId' | null {
  if (decision.specialty !== undefined) return 'specialty';
  if (decision.npi !== undefined) return 'npi';
  return decision.locationId !== undefined ? 'locationId' : null;
}

/**
 * An exception: retry (as it was, with a catalog specialty, or with a specialist not declined or
 * rejected for this referral), or cancel. The directory check is `refuseUnlistedSpecialist`.
 */
function exceptionResponses(
  decision: ReviewDecision,
  request: ReturnType<typeof actionRequest>,
  state: State,
): HumanResponses {
  const chosen = choiceField(decision);
  if (decision.decision === 'reject' || decision.decision === 'cancel') {
    if (chosen) throw invalid(chosen, 'Only a retry names a specialty or a specialist');
    return [{ type: 'response', args: decision.note ?? 'Cancelled by coordinator' }];
  }
  if (decision.decision !== 'retry' && decision.decision !== 'approve') {
    throw invalid(
      'decision',
      'An exception can be retried (retry or approve) or cancelled (cancel or reject)',
    );
  }
  const { specialty, npi, locationId } = decision;
  if (specialty !== undefined && npi !== undefined) {
    throw invalid('npi', 'A retry names a specialty or a specialist (npi), not both');
  }
  if (locationId !== undefined && npi === undefined) {
    throw invalid('locationId', "locationId names a location of the chosen specialist's (npi)");
  }
  const edit = (args: Record<string, unknown>): HumanResponses => [
    { type: 'edit', args: { action: request.action, args: { ...request.args, ...args } } },
  ];
  if (specialty !== undefined) {
    if (!isSpecialtyKey(specialty)) {
      throw invalid('specialty', 'specialty must be a key of the specialty catalog');
    }
    return edit({ specialty });
  }
  if (npi !== undefined) {
    if (state.excludedNpis.includes(npi)) {
      throw invalid('npi', 'This specialist declined or was rejected for this referral');
    }
    return edit({ npi, location_id: locationId ?? null });
  }
  return [{ type: 'accept', args: request }];
}

/**
 * Refuses (422 on `npi` or `locationId`) a chosen specialist the directory does not list as
 * active, or a location that is not theirs. Matching checks them again, like any candidate.
 */
export async function refuseUnlistedSpecialist(
  decision: ReviewDecision,
  directory: Pick<DirectoryRepo, 'getProfile'>,
): Promise<void> {
  if (decision.npi === undefined) return;
  const profile = await directory.getProfile(decision.npi);
  if (!profile?.active) {
    throw invalid('npi', 'npi must name an active specialist of the directory');
  }
  const { locationId } = decision;
  if (locationId !== undefined && !profile.locations.some((l) => l.id === locationId)) {
    throw invalid('locationId', "locationId must be one of the specialist's locations");
  }
}

/**
 * Translates a coordinator's API decision into the Agent Inbox response the gate expects,
 * refusing what the gate does not allow (a candidate that was not retrieved and validated, a
 * specialty off the catalog, a specialist or specialty on a review).
 */
export function toHumanResponses(
  decision: ReviewDecision,
  gate: PendingInterrupt,
  state: State,
): HumanResponses {
  const request = actionRequest(gate);
  if (gate.kind === 'exception') return exceptionResponses(decision, request, state);
  if (gate.kind !== 'review') throw new AppError('CONFLICT', 'No human decision is pending');
  const chosen = choiceField(decision);
  if (chosen) {
    throw invalid(
      chosen,
      'A specialty or a specialist resolves an exception; a review takes a candidateId',
    );
  }
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
