import { describe, expect, it } from 'vitest';
import { buildHl7 } from './hl7-builder.js';
import { readCcdaSample, readHl7Sample } from './read-samples.js';

const SIU = buildHl7({
  controlId: 'T1',
  type: 'SIU^S12',
  placerId: 'ref-1',
  patient: { ids: ['MRN1'], family: 'Lopez', given: 'Maria', birthDate: '1956-03-14' },
  at: '2025-04-10T14:00:00.000Z',
});

const consultNote = (sections: string, author = true) => `<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <templateId root="2.16.840.1.113883.10.20.22.1.4"/>
  <code code="11488-4" codeSystem="2.16.840.1.113883.6.1"/>
  <title>Consult note</title>
  <effectiveTime value="20250410"/>
  <recordTarget><patientRole><id root="1.2.3" extension="MRN1"/>
    <patient><name><given>Maria</given><family>Lopez</family></name><birthTime value="19560314"/></patient>
  </patientRole></recordTarget>
  ${author ? '<author><assignedAuthor><assignedPerson><name><given>Elena</given><family>Vasquez</family></name></assignedPerson></assignedAuthor></author>' : ''}
  <component><structuredBody>${sections}</structuredBody></component>
</ClinicalDocument>`;
const ASSESSMENT =
  '<component><section><code code="51848-0" codeSystem="2.16.840.1.113883.6.1"/><title>Assessment</title><text>Wet AMD OS.</text></section></component>';

describe('readHl7Sample', () => {
  it('reads the event of a message type the intake handles', () => {
    expect(readHl7Sample(SIU)).toEqual({ parsed: 'scheduled', parseFailure: null });
  });

  it('reads an unsupported type as no event, without a failure', () => {
    const s18 = SIU.replace('SIU^S12^SIU_S12', 'SIU^S18^SIU_S12');
    expect(readHl7Sample(s18)).toEqual({ parsed: 'none', parseFailure: null });
  });

  it('reads a discontinued appointment (S16) as a cancellation', () => {
    const s16 = SIU.replace('SIU^S12^SIU_S12', 'SIU^S16^SIU_S12');
    expect(readHl7Sample(s16)).toEqual({ parsed: 'appointment_cancelled', parseFailure: null });
  });

  it('reports a failure for a message it cannot read', () => {
    expect(readHl7Sample('PID|1||MRN1')).toMatchObject({ parsed: 'none', parseFailure: 'no_msh' });
    const v2 = SIU.replace('|P|2.5.1', '|P|2.1');
    expect(readHl7Sample(v2)).toEqual({ parsed: 'none', parseFailure: 'unsupported_version' });
  });
});

describe('readCcdaSample', () => {
  it('files a readable consult note and extracts its author, date and assessment', () => {
    expect(readCcdaSample(consultNote(ASSESSMENT))).toEqual({
      parsed: 'consult_received',
      parseFailure: null,
      documentKind: 'consult_note',
      extraction: { author: true, encounterDate: true, assessmentPlan: true },
    });
  });

  it('reports the fields a note lacks', () => {
    expect(readCcdaSample(consultNote('', false)).extraction).toEqual({
      author: false,
      encounterDate: true,
      assessmentPlan: false,
    });
  });

  it('does not file a Referral Note (a request) as a consult, and counts it as no failure', () => {
    const referral = consultNote(ASSESSMENT)
      .replace('2.16.840.1.113883.10.20.22.1.4', '2.16.840.1.113883.10.20.22.1.14')
      .replace('11488-4', '57133-1');
    expect(readCcdaSample(referral)).toEqual({
      parsed: 'none',
      parseFailure: null,
      documentKind: 'referral_note',
      extraction: { author: true, encounterDate: true, assessmentPlan: true },
    });
  });

  it('refuses a fragment without a failure, and malformed XML with one', () => {
    expect(readCcdaSample(`<section>${ASSESSMENT}</section>`)).toEqual({
      parsed: 'none',
      parseFailure: null,
    });
    expect(readCcdaSample('<ClinicalDocument><title>x</title>')).toEqual({
      parsed: 'none',
      parseFailure: 'not_xml',
    });
  });
});
