import type { Candidate } from '../src/domain/index.js';
import type { State } from './state.js';

/** The approved candidate, reachable (the loop's nodes run only after an approval). */
export function selectedCandidate(
  state: State,
): Candidate & { delivery: NonNullable<Candidate['delivery']> } {
  const candidate = state.candidates.find((c) => c.candidateId === state.selectedId);
  if (!candidate?.delivery)
    throw new Error('the loop ran without an approved, reachable candidate');
  return { ...candidate, delivery: candidate.delivery };
}
