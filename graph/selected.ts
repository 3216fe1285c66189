import { type Candidate, NEW_LOOP, type ReferralParties } from '../src/domain/index.js';
import type { State, Update } from './state.js';

/** The approved candidate, reachable (the loop's nodes run only after an approval). */
export function selectedCandidate(
  state: State,
): Candidate & { delivery: NonNullable<Candidate['delivery']> } {
  const candidate = state.candidates.find((c) => c.candidateId === state.selectedId);
  if (!candidate?.delivery)
    throw new Error('the loop ran without an approved, reachable candidate');
  return { ...candidate, delivery: candidate.delivery };
}

/**
 * A new round without one candidate (rejected by a coordinator, or declined by the office): it
 * is never proposed again for this referral, and the loop starts over.
 */
export function rematchWithout(state: State, candidateId: string | null): Update {
  const npi = state.candidates.find((c) => c.candidateId === candidateId)?.npi;
  return {
    round: state.round + 1,
    selectedId: null,
    excludedNpis: npi ? [...state.excludedNpis, npi] : state.excludedNpis,
    loop: NEW_LOOP,
  };
}

/** Who the referral is about and who has it: how messages that do not quote our id find it. */
export function partiesOf(state: State): ReferralParties {
  const { patient } = state;
  const npi = state.candidates.find((c) => c.candidateId === state.selectedId)?.npi;
  return {
    ...(patient
      ? {
          patientId: patient.id,
          family: patient.familyName,
          given: patient.givenName,
          birthDate: patient.birthDate,
          ...(patient.mrn ? { mrn: patient.mrn } : {}),
        }
      : {}),
    ...(npi ? { specialistNpi: npi } : {}),
  };
}
