import { describe, expect, it } from 'vitest';
import { readHl7Message } from '../../src/adapters/hl7/index.js';
import { buildHl7, EVENT_OF } from './hl7-builder.js';
import { GeneratedType, type InboundSpec } from './matching-cases.js';

const SPEC: Omit<InboundSpec, 'type'> = {
  controlId: 'B1',
  placerId: 'ref-1001',
  officeId: 'APT-9',
  patient: {
    ids: ['MRN10001'],
    family: 'García-Pérez',
    given: 'Ana María',
    birthDate: '1990-04-04',
  },
  specialist: { npi: '1760000012', family: 'Vasquez', given: 'Elena' },
  at: '2025-04-10T14:00:00.000Z',
};

describe('buildHl7', () => {
  it.each(GeneratedType.options)('writes a %s the intake reads back whole', (type) => {
    const reading = readHl7Message(buildHl7({ ...SPEC, type }));
    if (reading.kind !== 'read') throw new Error(`${type}: ${JSON.stringify(reading)}`);
    expect(reading.message).toMatchObject({
      type,
      event: EVENT_OF[type],
      providerNpi: '1760000012',
      patient: SPEC.patient,
    });
    // ADT carries no order number: visits are matched by the patient.
    expect(reading.message.placerId).toBe(type.startsWith('ADT') ? undefined : 'ref-1001');
    const at = type.startsWith('REF') ? '2025-04-10T00:00:00.000Z' : SPEC.at;
    expect(reading.message.at).toBe(at);
  });

  it("never passes the office's own number as ours, and leaves out what the spec leaves out", () => {
    const reading = readHl7Message(
      buildHl7({ ...SPEC, type: 'SIU^S12', placerId: undefined, specialist: undefined }),
    );
    if (reading.kind !== 'read') throw new Error(reading.kind);
    expect(reading.message.placerId).toBeUndefined();
    expect(reading.message.providerNpi).toBeUndefined();
  });
});
