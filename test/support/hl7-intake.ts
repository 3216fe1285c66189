import { receiveHl7 } from '../../graph/index.js';
import { consultNoteReader, createHl7Codec } from '../../src/adapters/hl7/index.js';
import type { Clock, Store } from '../../src/domain/index.js';
import { PRACTICE_ID } from '../fixtures/world.js';

export const TEST_HL7_KEY = 'test-hl7-key-0123456789';

/** The HL7 v2 intake over a test store, as the service composes it. */
export function hl7IntakeFor(h: { store: Store; clock: Clock }, allowedFacilities: string[] = []) {
  const deps = {
    codec: createHl7Codec(h.clock),
    ccda: consultNoteReader,
    store: h.store,
    clock: h.clock,
    practiceId: PRACTICE_ID,
    allowedFacilities,
  };
  return {
    deps,
    receive: (raw: string) => receiveHl7(raw, deps),
    http: {
      apiKey: TEST_HL7_KEY,
      maxBodyBytes: 4 * 1024 * 1024,
      receive: (raw: string) => receiveHl7(raw, deps),
    },
  };
}
