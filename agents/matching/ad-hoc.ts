import { inferSpecialty } from '../../retrieval/index.js';
import {
  AppError,
  type Candidate,
  isAppError,
  type MatchedCandidate,
  type MatchRequest,
  type MatchResponse,
} from '../../src/domain/index.js';
import type { ToolRuntime, ToolScope } from '../../tools/index.js';
import { runAgentTool } from '../tool-permissions.js';
import { type MatchInput, runMatching } from './agent.js';

const KM_PER_MILE = 1.609344;

function toMatched(c: Candidate): MatchedCandidate {
  return {
    candidateId: c.candidateId,
    npi: c.npi,
    name: c.name,
    taxonomy: c.taxonomy,
    specialty: c.specialty,
    distanceMiles: Math.round((c.distanceKm / KM_PER_MILE) * 10) / 10,
    networkIds: c.networkIds,
    score: c.score,
    components: c.factors,
    explanation: c.explanation,
    isValid: c.isValid,
  };
}

/**
 * The same inference, search and ranking as a referral's match step, for one ad hoc request
 * (a coordinator looking for an alternative, or the fallback when the AI path is down).
 */
export async function matchAdHoc(
  request: MatchRequest,
  options: {
    scope: ToolScope;
    runtime: ToolRuntime;
    matching: Pick<MatchInput, 'limit' | 'searchWidth' | 'weights'>;
  },
): Promise<MatchResponse> {
  const specialty = inferSpecialty({
    requested: request.requestedTaxonomy,
    diagnosisCodes: request.diagnosisCodes,
    reason: request.reason,
  });
  if (specialty.specialties.length === 0) {
    return {
      status: 'exception',
      specialty,
      candidates: [],
      reason:
        'Neither the diagnosis codes nor the reason map to a specialty; name one with requestedTaxonomy',
      alternatives: [],
    };
  }
  const plan = await runAgentTool(
    'matching',
    'lookup_plan',
    { planId: request.patient.planId },
    options.scope,
    options.runtime,
  ).catch((error: unknown) => {
    if (!isAppError(error) || error.code !== 'NOT_FOUND') throw error;
    throw new AppError('VALIDATION_FAILED', 'Unknown plan', {
      issues: [
        {
          path: 'patient.planId',
          code: 'unknown_plan',
          message: 'No such InsurancePlan in the directory',
        },
      ],
    });
  });
  const result = await runMatching(
    {
      specialties: specialty.specialties,
      reason: request.reason,
      near: { lat: request.patient.lat, lon: request.patient.lon },
      language: request.patient.language,
      networkIds: plan.networkIds,
      coverageActive: true,
      excludedNpis: [],
      radiusKm: request.maxDistanceMiles * KM_PER_MILE,
      limit: options.matching.limit,
      searchWidth: options.matching.searchWidth,
      weights: options.matching.weights,
      urgency: request.urgency,
      urgentCondition: specialty.urgentCondition,
    },
    options.scope,
    options.runtime,
  );
  if (result.recommendedId) {
    return {
      status: 'matched',
      specialty,
      ...(result.tier ? { tier: result.tier } : {}),
      candidates: result.candidates.map((c) => toMatched(c)),
    };
  }
  return {
    status: 'exception',
    specialty,
    candidates: result.candidates.map((c) => toMatched(c)),
    reason: result.noMatch?.reason ?? 'No valid candidate',
    alternatives: (result.noMatch?.alternatives ?? []).map((c) => toMatched(c)),
  };
}
