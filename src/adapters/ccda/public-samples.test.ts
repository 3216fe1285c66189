import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConsultNote } from './index.js';

/** SOURCES.md: HL7's C-CDA R2.1 examples and the FHIR converter's samples, read in place. */
const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const HL7 = join(DATA, 'hl7-c-cda-examples');
const CONVERTER = join(DATA, 'fhir-converter-samples/ccda');
const present = existsSync(HL7) && existsSync(CONVERTER);

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return xmlFiles(path);
    return entry.name.endsWith('.xml') ? [path] : [];
  });
}

const readSample = (path: string) => {
  const result = readConsultNote(readFileSync(join(DATA, path), 'utf8'));
  if (!result.ok) throw new Error(`${path}: ${result.problem}`);
  return result.note;
};

const CONSULT_NOTES = [
  'hl7-c-cda-examples/Documents/Consultation Note/Consultation_Note.xml',
  'fhir-converter-samples/ccda/Consultation_Note.ccda.xml',
];
const CLOSING_CONSULTS = [
  'hl7-c-cda-examples/Referrals - Planned and Completed/Close Referral with a Document/Consult Document Closing Referral(C-CDAR2.1).xml',
  'fhir-converter-samples/ccda/Consult-Document-Closing-Referral-C-CDAR2.1.ccda.xml',
];
const REFERRAL_NOTES = [
  'hl7-c-cda-examples/Documents/Referral Note/Referral_Note.xml',
  'fhir-converter-samples/ccda/Referral_Note.ccda.xml',
];
const PROGRESS_NOTES = [
  'hl7-c-cda-examples/Documents/Progress Note/Progress_Note.xml',
  'fhir-converter-samples/ccda/Progress_Note.ccda.xml',
];

const TITLE = present
  ? 'readConsultNote on the public C-CDA samples (../shared/data)'
  : `readConsultNote on the public C-CDA samples: skipped, ${DATA} is missing`;

describe.skipIf(!present)(TITLE, () => {
  const files = present ? [...xmlFiles(HL7), ...xmlFiles(CONVERTER)] : [];

  it('returns a note or a specific problem for every file, and only fragments lack a document', () => {
    expect(files.length).toBe(67);
    const outcomes = files.map((file) => {
      const xml = readFileSync(file, 'utf8');
      const result = readConsultNote(xml);
      const fragment = !/<ClinicalDocument[\s>]/.test(xml);
      return { file: relative(DATA, file), outcome: result.ok ? 'ok' : result.problem, fragment };
    });
    const wrong = outcomes.filter(
      (o) => o.outcome !== (o.fragment ? 'not_clinical_document' : 'ok'),
    );
    expect(wrong).toEqual([]);
    expect(outcomes.filter((o) => o.fragment)).toHaveLength(30);
  });

  it('reads the consultation note: author, date, ids, assessment, plan, reason for referral', () => {
    for (const path of CONSULT_NOTES) {
      const note = readSample(path);
      expect(note).toMatchObject({
        kind: 'consult_note',
        documentId: '2.16.840.1.113883.19.5.99999.1^TT988',
        title: 'Community Health Consult Note',
        encounterDate: '2013-07-31',
        patient: { ids: [], given: 'Eve', family: 'Betterhalf', birthDate: '1975-05-01' },
        placerId: '1298989898',
      });
      // The sample's NPI 555555555 has nine digits; the call-me name "Patty" is left out.
      expect(note.author).toEqual({
        name: 'Patricia Primary, M.D.',
        npi: undefined,
        organization: undefined,
      });
      expect(note.assessment).toBe('Uncontrolled brittle Type II diabetic.\nObesity.');
      expect(note.plan?.split('\n')).toEqual([
        'Hand-off Communication: Nurse Florence, RN to Nancy Nightingale, RN',
        'Planned Care | Start Date | Patient Provider Rating | Provider Provider Rating | Provider | Patient Support/Caregiver',
        'Encounter for Check-up | October 15, 2013 | 1st, Normal Priority | 3rd, Normal Priority | Dr. James Case',
        'Care Goal: Weight loss from baseline weight 10% | October 15, 2013 | 1st, Normal Priority | 3rd, Normal Priority',
        'Nutrition Recommendation: Education | July 31, 2013',
      ]);
      expect(note.reasonForReferral).toBe(
        'Request for consultation for weight management. Patient referral for consultation for full care. Referral Nurse: Nurse Florence,RN',
      );
      expect(note.recommendations).toBeUndefined();
      expect(note.sections).toHaveLength(13);
      expect(note.sections.find((s) => s.code === '48765-2')?.text).toBe(
        'Substance | Reaction\nPenicillin | Nausea\nCodeine | Wheezing',
      );
    }
  });

  it('reads the consult note that closes a referral: the order id is a bare UUID root', () => {
    for (const path of CLOSING_CONSULTS) {
      const note = readSample(path);
      expect(note).toMatchObject({
        kind: 'consult_note',
        documentId: '2.16.840.1.113883.19.5.99999.1^TT988',
        encounterDate: '2018-06-23',
        author: { name: 'Patricia Primary, M.D.' },
        placerId: '9a6d1bac-17d3-4195-89a4-1121bc809b4e',
        sections: [],
      });
      expect(note.assessment).toBeUndefined();
      expect(note.plan).toBeUndefined();
    }
  });

  it('reads the referral notes by templateId despite the 57113-1 code of the HL7 copy', () => {
    for (const path of REFERRAL_NOTES) {
      const note = readSample(path);
      expect(note).toMatchObject({
        kind: 'referral_note',
        documentId: '6f1bd58b-c58f-40b7-b314-caf1294ed98b',
        title: 'Referral Note',
        // No encompassingEncounter: the document's own effectiveTime.
        encounterDate: '2013-09-21',
        author: { name: 'Patricia Primary, M.D.' },
        reasonForReferral:
          'Patient referral for consultation for full care. Referral Nurse: Nurse Florence,RN',
      });
      expect(note.placerId).toBeUndefined();
      expect(note.assessment?.split('\n')).toEqual([
        'Uncontrolled brittle Type II diabetic.',
        'Obesity.',
        'Shortness of breath, mild wheezing.',
        'Pressure ulder on left knee.',
      ]);
      expect(note.plan).toContain(
        'Treatment: Wound Care | September 15, 2013 | 1st, Normal Priority | 3rd, Normal Priority | - | Caregiver: Mother',
      );
      expect(note.sections).toHaveLength(19);
    }
  });

  it('reads the progress notes as progress_note', () => {
    for (const path of PROGRESS_NOTES) {
      expect(readSample(path)).toMatchObject({
        kind: 'progress_note',
        documentId: '2.16.840.1.113883.19^999022',
        encounterDate: '2005-03-29',
        author: { name: 'Henry Seven' },
        placerId: '12345-67890',
      });
    }
  });
});
