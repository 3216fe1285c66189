import { describe, expect, it } from 'vitest';
import {
  buildHl7Message,
  expectedClinicalMessage,
  HL7_VERSIONS,
  type Hl7MessageSpec,
} from '../../../test/support/hl7-messages.js';
import { CLINICAL_MESSAGE_TYPES, npiCheckDigit } from '../../domain/index.js';
import { readHl7Message } from './read-message.js';

const npi = (base9: string) => `${base9}${npiCheckDigit(base9)}`;
const OFFSETS = ['+0000', '-0500', '+0215', '-0930'];
const FAMILIES = ['Testpatient', 'O|Brien^Smythe', 'Müller&Söhne', 'Back\\slash~Tilde', 'Lee'];
const CCDA =
  '<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Consult &amp; plan</title></ClinicalDocument>';
const TEXT = 'Impression: stable.\nPlan | follow-up ^ in 6 weeks & recheck ~ IOP\nSigned \\ Dr Sam';

/** Every type × every version, each with its own values (delimiters included). */
const cases: Array<[string, Hl7MessageSpec]> = [];
let n = 0;
for (const type of CLINICAL_MESSAGE_TYPES) {
  for (const version of HL7_VERSIONS) {
    n++;
    const spec: Hl7MessageSpec = {
      type,
      version,
      controlId: `C${n}-${version}`,
      placerId: n % 5 === 0 ? `REF|${n}^x&y` : `REF-${String(n).padStart(6, '0')}`,
      mrn: `MRN${1000 + n}`,
      family: FAMILIES[n % FAMILIES.length] ?? 'Lee',
      given: n % 2 === 0 ? 'Ann Marie' : 'Bo',
      birthDate: `19${String(40 + (n % 60)).padStart(2, '0')}-0${1 + (n % 9)}-${10 + (n % 18)}`,
      appointmentAt: `2026-12-${String(1 + (n % 28)).padStart(2, '0')}T14:30:00Z`,
      eventAt: `2027-01-${String(1 + (n % 28)).padStart(2, '0')}T08:05:07Z`,
      offset: OFFSETS[n % OFFSETS.length] ?? '+0000',
      rf1Status: (['A', 'R', 'P', 'E'] as const)[n % 4] ?? 'A',
      ...(n % 3 === 0 ? {} : { npi: npi(String(123456780 + n)) }),
      ...(n % 2 === 0
        ? { document: { format: 'ccda' as const, content: CCDA, title: 'Consult note' } }
        : { document: { format: 'text' as const, content: TEXT, title: 'Eye consult ^ 2' } }),
      ...(n % 4 === 0 ? {} : { note: `Reason ${n}: patient prefers mornings & weekdays` }),
    };
    cases.push([`${type} v${version}`, spec]);
  }
}

describe('reading generated messages (13 types × 9 versions)', () => {
  it('covers all 117 combinations', () => {
    expect(cases).toHaveLength(CLINICAL_MESSAGE_TYPES.length * HL7_VERSIONS.length);
  });

  it.each(cases)('%s gives back its parameters', (_, spec) => {
    const raw = buildHl7Message(spec);
    expect(raw).not.toContain('\n');
    const reading = readHl7Message(raw);
    expect(reading.kind).toBe('read');
    if (reading.kind === 'read') expect(reading.message).toEqual(expectedClinicalMessage(spec));
  });

  it.each(cases)('%s reads the same with LF and CRLF separators', (_, spec) => {
    const raw = buildHl7Message(spec);
    const baseline = readHl7Message(raw);
    expect(readHl7Message(raw.replace(/\r/g, '\n'))).toEqual(baseline);
    expect(readHl7Message(`\uFEFF${raw.replace(/\r/g, '\r\n')}\r\n`)).toEqual(baseline);
  });
});
