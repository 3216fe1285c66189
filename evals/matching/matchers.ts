/**
 * The matcher under test, behind one signature: the rules path is `matchAdHoc` (what
 * `referrals match` runs); the LLM path is the referral's own match step (`matchReferral`), which
 * lets the model refine an unsure specialty and re-rank the eligible candidates.
 */
import {
  type AgentModel,
  type MatchInput,
  matchAdHoc,
  matchReferral,
  patientPhi,
} from '../../agents/index.js';
import { inferSpecialty } from '../../retrieval/index.js';
import type { AgentRun, MatchRequest, Patient, Referral } from '../../src/domain/index.js';
import type { ToolRuntime } from '../../tools/index.js';
import type { MatchingCase } from './cases.js';
import type { MatcherAnswer } from './score-case.js';
import { KM_PER_MILE } from './truth.js';

export type Matcher = (c: MatchingCase) => Promise<MatcherAnswer>;
export type MatchSettings = Pick<MatchInput, 'limit' | 'searchWidth' | 'weights'>;

const PRACTICE_ID = 'eval';
/** A fixed "today" for the age band the LLM sees, so a run does not depend on the clock. */
const TODAY = new Date('2026-01-15T00:00:00Z');

export function adHocMatcher(runtime: ToolRuntime, settings: MatchSettings): Matcher {
  return async (c) => {
    const request: MatchRequest = {
      reason: c.reason,
      diagnosisCodes: c.diagnosisCodes,
      urgency: c.urgency,
      maxDistanceMiles: c.radiusMiles,
      ...(c.requestedTaxonomy ? { requestedTaxonomy: c.requestedTaxonomy } : {}),
      patient: {
        ...(c.postalCode ? { postalCode: c.postalCode } : {}),
        lat: c.near.lat,
        lon: c.near.lon,
        language: c.language,
        planId: c.planId,
      },
    };
    const response = await matchAdHoc(request, {
      scope: { practiceId: PRACTICE_ID, referralId: c.id },
      runtime,
      matching: settings,
    });
    return { exception: response.status === 'exception', candidates: response.candidates };
  };
}

/** A synthetic patient and referral for the match step (no real person behind either). */
function referralOf(c: MatchingCase): { referral: Referral; patient: Patient } {
  const referral: Referral = {
    id: c.id,
    practiceId: PRACTICE_ID,
    patientId: `patient-${c.id}`,
    referringProviderId: 'provider-eval',
    reason: c.reason,
    diagnosisCodes: c.diagnosisCodes,
    ...(c.requestedTaxonomy ? { specialty: c.requestedTaxonomy } : {}),
    urgency: c.urgency,
    preferredRadiusKm: c.radiusMiles * KM_PER_MILE,
    createdAt: TODAY.toISOString(),
  };
  const patient: Patient = {
    id: referral.patientId,
    givenName: 'Eval',
    familyName: 'Patient',
    birthDate: '1961-06-01',
    sex: 'unknown',
    address: { line: '1 Main St', city: 'Eval', state: 'RI', postalCode: c.postalCode ?? '02903' },
    location: c.near,
    language: c.language,
    preferredChannel: 'sms',
  };
  return { referral, patient };
}

export function referralMatcher(
  runtime: ToolRuntime,
  settings: MatchSettings,
  model: AgentModel | null,
): Matcher {
  return async (c) => {
    const { referral, patient } = referralOf(c);
    const runs: AgentRun[] = [];
    const found = await matchReferral(
      {
        referral,
        patient,
        specialty: inferSpecialty({
          ...(referral.specialty ? { requested: referral.specialty } : {}),
          diagnosisCodes: referral.diagnosisCodes,
          reason: referral.reason,
        }),
        network: {
          payerId: 'eval',
          planId: c.planId,
          coverageActive: true,
          networkIds: c.networkIds,
        },
        clinicalSummary: null,
        excludedNpis: [],
        chosen: null,
        phi: patientPhi(patient, null, TODAY),
        settings: { ...settings, radiusKm: c.radiusMiles * KM_PER_MILE },
      },
      { scope: { practiceId: PRACTICE_ID, referralId: c.id }, runtime, model },
      runs,
    );
    return { exception: found.problem !== null, candidates: found.candidates };
  };
}
