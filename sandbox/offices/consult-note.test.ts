import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ConsultNoteInput } from './consult-note.js';
import { buildConsultNote, escapeXml, findingsFor } from './consult-note.js';

const input: ConsultNoteInput = {
  documentId: 'DOC-1',
  referral: {
    id: 'ref-000042',
    reason: 'Suspected wet AMD <left> eye & "distortion"',
    diagnosis_codes: ['H35.3221'],
    specialty: 'retina',
  },
  patient: {
    mrn: 'MRN1000001',
    given_name: "Ren'ee",
    family_name: 'Okafor & Sons',
    birth_date: '1950-04-09',
    sex: 'female',
    address: { line: '1 Main St', city: 'Providence', state: 'RI', postal_code: '02906' },
  },
  office: { npi: '1234567893', office_name: 'Bay <Retina>', given: 'Ana', family: 'Ruiz' },
  visitAt: new Date('2030-01-10T14:15:00Z'),
  writtenAt: new Date('2030-01-11T16:30:00Z'),
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

describe('buildConsultNote', () => {
  it('builds well-formed XML with the consult-note header the service reads', () => {
    const xml = buildConsultNote(input);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml).ClinicalDocument;
    const templates = doc.templateId.map((t: Record<string, string>) => t['@_root']);
    expect(templates).toContain('2.16.840.1.113883.10.20.22.1.4');
    expect(doc.code['@_code']).toBe('11488-4');
    expect(doc.id['@_extension']).toBe('DOC-1');
    expect(doc.effectiveTime['@_value']).toBe('20300111163000+0000');
    const patient = doc.recordTarget.patientRole;
    expect(patient.id['@_extension']).toBe('MRN1000001');
    expect(patient.patient.name).toEqual({ given: "Ren'ee", family: 'Okafor & Sons' });
    expect(patient.patient.birthTime['@_value']).toBe('19500409');
    const author = doc.author.assignedAuthor;
    expect(author.id).toMatchObject({
      '@_root': '2.16.840.1.113883.4.6',
      '@_extension': '1234567893',
    });
    expect(author.assignedPerson.name).toEqual({ given: 'Ana', family: 'Ruiz' });
    expect(doc.inFulfillmentOf.order.id['@_extension']).toBe('ref-000042');
    expect(doc.componentOf.encompassingEncounter.effectiveTime['@_value']).toBe(
      '203001101415+0000',
    );
    const sections = doc.component.structuredBody.component.map(
      (c: { section: { code: Record<string, string>; text: { paragraph: string } } }) => [
        c.section.code['@_code'],
        c.section.text.paragraph,
      ],
    );
    expect(sections).toEqual([
      ['42349-1', 'Suspected wet AMD <left> eye & "distortion"'],
      ['51848-0', expect.stringContaining('macular degeneration')],
      ['18776-5', expect.stringContaining('anti-VEGF')],
    ]);
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    expect(escapeXml('a\u0000b\u001fc\td\ne\uD800f 👁')).toBe('abc\td\nef 👁');
  });
});

describe('findingsFor', () => {
  it.each([
    ['Elevated IOP, suspected glaucoma', [], 'glaucoma'],
    ['Blurry vision', ['H25.13'], 'cataract'],
    ['Annual exam', ['E11.3293'], 'diabetic retinopathy'],
    ['New floaters and flashes', [], 'vitreous detachment'],
    ['Second opinion', [], 'no sight-threatening'],
  ])('%s %j → %s', (reason, codes, expected) => {
    const findings = findingsFor({ id: 'r', reason, diagnosis_codes: codes, specialty: null });
    expect(findings.assessment.toLowerCase()).toContain(expected);
    expect(findings.plan.length).toBeGreaterThan(20);
  });
});
