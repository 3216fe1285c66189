import { describe, expect, it } from 'vitest';
import {
  buildConsultNoteXml,
  TEST_DOCUMENT_ROOT,
  TEST_PLACER_ROOT,
} from '../../../test/support/ccda-documents.js';
import { CCDA_MAX_BYTES, readConsultNote } from './index.js';
import { saysNothing } from './sections.js';

const read = (xml: string) => {
  const result = readConsultNote(xml);
  if (!result.ok) throw new Error(`expected a note, got ${result.problem}`);
  return result.note;
};

const problemOf = (xml: string) => {
  const result = readConsultNote(xml);
  return result.ok ? 'ok' : result.problem;
};

describe('readConsultNote: a consult note built for the test', () => {
  const xml = buildConsultNoteXml({
    documentId: { root: TEST_DOCUMENT_ROOT, extension: 'CN-77' },
    title: 'Retina <Consult> & Report',
    documentDate: '2026-03-05',
    encounterDate: '2026-03-02',
    author: {
      prefix: 'Dr.',
      given: 'Rosa',
      family: "O'Neil",
      suffix: 'MD',
      npi: '1234567893',
      organization: 'Harbor Eye & Retina',
    },
    placerId: 'ref_8f2c',
    patient: {
      ids: ['MRN-001', 'A&B<2>'],
      given: 'Ada',
      family: 'Lovelace',
      birthDate: '1961-04-09',
    },
    reasonForReferral: 'Suspected wet AMD, left eye.',
    assessment: 'Neovascular AMD OS. Drusen OD.',
    plan: 'Anti-VEGF injection OS in 1 week.\nRecheck in 4 weeks.',
    recommendations: 'Return to referring optometrist for routine care.',
  });

  it('reads every header field back', () => {
    const note = read(xml);
    expect(note).toMatchObject({
      kind: 'consult_note',
      documentId: `${TEST_DOCUMENT_ROOT}^CN-77`,
      title: 'Retina <Consult> & Report',
      encounterDate: '2026-03-02',
      author: {
        name: "Dr. Rosa O'Neil, MD",
        npi: '1234567893',
        organization: 'Harbor Eye & Retina',
      },
      patient: {
        ids: ['MRN-001', 'A&B<2>'],
        given: 'Ada',
        family: 'Lovelace',
        birthDate: '1961-04-09',
      },
      placerId: 'ref_8f2c',
    });
  });

  it('finds the assessment, plan, recommendations and reason for referral', () => {
    const note = read(xml);
    expect(note.assessment).toBe('Neovascular AMD OS. Drusen OD.');
    expect(note.plan).toBe('Anti-VEGF injection OS in 1 week.\nRecheck in 4 weeks.');
    expect(note.recommendations).toBe('Return to referring optometrist for routine care.');
    expect(note.reasonForReferral).toBe('Suspected wet AMD, left eye.');
    expect(note.sections.map((s) => s.code)).toEqual(['42349-1', '51848-0', '18776-5', '18783-1']);
  });

  it('falls back to the document date, drops an NPI that fails its check digit', () => {
    const note = read(
      buildConsultNoteXml({
        documentDate: '2026-03-05',
        author: { given: 'Rosa', family: 'Neil', npi: '1234567890' },
      }),
    );
    expect(note.encounterDate).toBe('2026-03-05');
    expect(note.author).toEqual({ name: 'Rosa Neil', npi: undefined, organization: undefined });
    expect(note.placerId).toBeUndefined();
  });

  it('matches the kind by LOINC code alone, including the 57113-1 typo of the HL7 sample', () => {
    const referral = buildConsultNoteXml({ kind: 'referral_note' });
    expect(read(referral).kind).toBe('referral_note');
    const byCode = (code: string) =>
      read(
        buildConsultNoteXml()
          .replace(/<templateId root="2\.16\.840\.1\.113883\.10\.20\.22\.1\.4"[^>]*>/, '')
          .replace('code="11488-4"', `code="${code}"`),
      ).kind;
    expect(byCode('11488-4')).toBe('consult_note');
    expect(byCode('57113-1')).toBe('referral_note');
    expect(byCode('11506-3')).toBe('progress_note');
    expect(byCode('34133-9')).toBe('other');
  });

  it('takes the first order id with an extension among several', () => {
    const xml2 = buildConsultNoteXml({ placerId: 'ref_2' }).replace(
      '<order>',
      `<order><id root="${TEST_PLACER_ROOT}"/><id nullFlavor="UNK"/>`,
    );
    expect(read(xml2).placerId).toBe('ref_2');
  });

  it('reads an Assessment and Plan section (51847-2) as both, and an uncoded recommendation by title', () => {
    const note = read(
      buildConsultNoteXml({
        extraSections: [
          { code: '51847-2', title: 'Assessment and Plan', text: 'Glaucoma suspect. Start drops.' },
          { title: 'Specialist recommendations', text: 'Visual fields yearly.' },
        ],
      }),
    );
    expect(note.assessment).toBe('Glaucoma suspect. Start drops.');
    expect(note.plan).toBe('Glaucoma suspect. Start drops.');
    expect(note.recommendations).toBe('Visual fields yearly.');
  });

  it('does not take a section saying it has nothing for an assessment or plan, but keeps it in sections', () => {
    const note = read(
      buildConsultNoteXml({
        extraSections: [
          { code: '51848-0', title: 'Assessments', text: 'No assessment information' },
          { code: '18776-5', title: 'Treatment plan', text: 'No Plan of treatment.' },
          {
            code: '51847-2',
            title: 'Assessment and Plan',
            text: 'No retinopathy. Recheck in a year.',
          },
        ],
      }),
    );
    expect(note.assessment).toBe('No retinopathy. Recheck in a year.');
    expect(note.plan).toBe('No retinopathy. Recheck in a year.');
    expect(note.sections.map((s) => s.text)).toContain('No assessment information');
    const empty = read(
      buildConsultNoteXml({
        extraSections: [
          { code: '51848-0', title: 'Assessments', text: 'No information' },
          { code: '18776-5', title: 'Plan', text: 'None recorded' },
        ],
      }),
    );
    expect(empty.assessment).toBeUndefined();
    expect(empty.plan).toBeUndefined();
  });

  it('reads nested sections and keeps narrative order inside them', () => {
    const nested =
      '<component><section><code code="18776-5" codeSystem="2.16.840.1.113883.6.1"/><title>Plan</title>' +
      '<text>Refer to <content>cardiology</content> within 2 weeks</text></section></component>';
    const xml2 = buildConsultNoteXml({
      extraSections: [{ title: 'Outer', narrativeXml: '<paragraph>Outer text</paragraph>' }],
    }).replace(
      '</section></component></structuredBody>',
      `${nested}</section></component></structuredBody>`,
    );
    const note = read(xml2);
    expect(note.plan).toBe('Refer to cardiology within 2 weeks');
    expect(note.sections.map((s) => s.title)).toEqual(['Outer', 'Plan']);
  });

  it('caps each section text at 4000 characters', () => {
    const note = read(buildConsultNoteXml({ assessment: 'word '.repeat(2000) }));
    expect(note.assessment?.length).toBe(4000);
    expect(note.assessment?.endsWith('…')).toBe(true);
  });

  it('reads a namespace-prefixed document with a byte-order mark', () => {
    const prefixed = buildConsultNoteXml({ assessment: 'Stable.' })
      .replace(
        '<ClinicalDocument xmlns="urn:hl7-org:v3">',
        '<cda:ClinicalDocument xmlns:cda="urn:hl7-org:v3">',
      )
      .replace('</ClinicalDocument>', '</cda:ClinicalDocument>');
    expect(read(`\uFEFF${prefixed}`).kind).toBe('consult_note');
  });
});

describe('saysNothing', () => {
  it.each([
    'No assessment information',
    'No Information',
    'No goal information.',
    'No Plan of treatment',
    'None',
    'None recorded.',
    'Not documented',
    'N/A',
  ])('%j says nothing', (text) => {
    expect(saysNothing(text)).toBe(true);
  });

  it.each([
    'No retinopathy.',
    'No treatment needed; observe.',
    'No change. Return in 6 months.',
    'No known drug allergies',
    'Stable.',
  ])('%j is content', (text) => {
    expect(saysNothing(text)).toBe(false);
  });
});

describe('readConsultNote: hostile and broken input', () => {
  const laughs = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
    '<ClinicalDocument><title>&lol3;</title></ClinicalDocument>',
  ].join('\n');

  it('refuses a billion-laughs DOCTYPE and an external entity as unsafe_xml', () => {
    expect(readConsultNote(laughs)).toEqual({
      ok: false,
      problem: 'unsafe_xml',
      detail: 'DOCTYPE and ENTITY declarations are not accepted',
    });
    const external =
      '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ClinicalDocument><title>&xxe;</title></ClinicalDocument>';
    expect(problemOf(external)).toBe('unsafe_xml');
    expect(problemOf('<ClinicalDocument><!ENTITY x "y"></ClinicalDocument>')).toBe('unsafe_xml');
  });

  it('refuses truncated or malformed XML as not_xml, quoting nothing from it', () => {
    const xml = buildConsultNoteXml({ assessment: 'Secret finding' });
    const truncated = readConsultNote(xml.slice(0, Math.floor(xml.length / 2)));
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) {
      expect(truncated.problem).toBe('not_xml');
      expect(truncated.detail).toMatch(/^malformed XML \(\w+ at line \d+\)$/);
    }
    expect(problemOf('not xml at all')).toBe('not_xml');
    expect(problemOf('<a><b></a>')).toBe('not_xml');
    expect(problemOf('<a/><b/>')).toBe('not_xml');
    expect(problemOf('<ClinicalDocument/><ClinicalDocument/>')).toBe('not_xml');
    expect(problemOf('<ClinicalDocument>'.repeat(150) + '</ClinicalDocument>'.repeat(150))).toBe(
      'not_xml',
    );
  });

  it('refuses input over 5 MiB as too_large before parsing it', () => {
    const big = `<ClinicalDocument><title>${'x'.repeat(6 * 1024 * 1024)}</title></ClinicalDocument>`;
    expect(problemOf(big)).toBe('too_large');
    expect(problemOf('é'.repeat(CCDA_MAX_BYTES / 2 + 1))).toBe('too_large');
  });

  it('calls blank input and a ClinicalDocument without content empty', () => {
    expect(problemOf('')).toBe('empty');
    expect(problemOf('  \n\t ')).toBe('empty');
    expect(problemOf('<ClinicalDocument/>')).toBe('empty');
    expect(problemOf('<ClinicalDocument>  </ClinicalDocument>')).toBe('empty');
  });

  it('calls another root element not_clinical_document', () => {
    expect(problemOf('<section><title>Plan</title></section>')).toBe('not_clinical_document');
    expect(problemOf('<?xml version="1.0"?><Bundle/>')).toBe('not_clinical_document');
  });

  it('refuses element names that could reach the object prototype', () => {
    expect(
      problemOf(
        '<ClinicalDocument><__proto__><polluted>yes</polluted></__proto__></ClinicalDocument>',
      ),
    ).toBe('unsafe_xml');
    expect(problemOf('<ClinicalDocument><constructor/></ClinicalDocument>')).toBe('unsafe_xml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
