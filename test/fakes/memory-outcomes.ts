import {
  type OutcomeRecord,
  type OutcomeStore,
  summarizeOutcomes,
} from '../../src/domain/index.js';

/** The practice's record with each specialist, from records given up front (none: all unknown). */
export function createMemoryOutcomes(records: readonly OutcomeRecord[] = []): OutcomeStore {
  return {
    forSpecialists: async (_practiceId, npis) =>
      [...new Set(npis)].map((npi) => summarizeOutcomes(npi, records)),
  };
}
