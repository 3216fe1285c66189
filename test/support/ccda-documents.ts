/** Minimal C-CDA R2.1 documents for tests: every value is escaped, every part optional. */

const LOINC = '2.16.840.1.113883.6.1';
const NPI_ROOT = '2.16.840.1.113883.4.6';
export const TEST_DOCUMENT_ROOT = '2.16.840.1.113883.19.5.99999.1';
export const TEST_PATIENT_ID_ROOT = '2.16.840.1.113883.19.5.99999.2';
export const TEST_PLACER_ROOT = '2.16.840.1.113883.19.5.99999.3';

export interface CcdaSectionParams {
  code?: string;
  title: string;
  /** Plain text, escaped; one paragraph per line. */
  text?: string;
  /** Narrative markup inserted as is (for tests of the narrative reader). */
  narrativeXml?: string;
}

export interface ConsultNoteXmlParams {
  kind?: 'consult_note' | 'referral_note';
  documentId?: { root?: string; extension?: string };
  title?: string;
  /** YYYY-MM-DD */
  documentDate?: string;
  /** YYYY-MM-DD; no encompassingEncounter when absent. */
  encounterDate?: string;
  author?: {
    prefix?: string;
    given?: string;
    family?: string;
    suffix?: string;
    npi?: string;
    organization?: string;
  };
  /** Our referral id, echoed in inFulfillmentOf/order/id. */
  placerId?: string;
  patient?: { ids?: readonly string[]; given?: string; family?: string; birthDate?: string };
  reasonForReferral?: string;
  assessment?: string;
  plan?: string;
  recommendations?: string;
  extraSections?: readonly CcdaSectionParams[];
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const ts = (isoDate: string) => isoDate.replaceAll('-', '');

const element = (name: string, text: string | undefined) =>
  text === undefined ? '' : `<${name}>${escapeXml(text)}</${name}>`;

function attrs(values: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

function section(s: CcdaSectionParams): string {
  const code = s.code ? `<code${attrs({ code: s.code, codeSystem: LOINC })}/>` : '';
  const narrative =
    s.narrativeXml ??
    (s.text ?? '')
      .split('\n')
      .map((line) => element('paragraph', line))
      .join('');
  return `<component><section>${code}${element('title', s.title)}<text>${narrative}</text></section></component>`;
}

function authorXml(author: NonNullable<ConsultNoteXmlParams['author']>): string {
  const id = author.npi ? `<id${attrs({ root: NPI_ROOT, extension: author.npi })}/>` : '';
  const name = [
    element('prefix', author.prefix),
    element('given', author.given),
    element('family', author.family),
    element('suffix', author.suffix),
  ].join('');
  const org = author.organization
    ? `<representedOrganization>${element('name', author.organization)}</representedOrganization>`
    : '';
  return `<author><time value="20240101"/><assignedAuthor>${id}<assignedPerson><name>${name}</name></assignedPerson>${org}</assignedAuthor></author>`;
}

function patientXml(patient: NonNullable<ConsultNoteXmlParams['patient']>): string {
  const ids = (patient.ids ?? [])
    .map((id) => `<id${attrs({ root: TEST_PATIENT_ID_ROOT, extension: id })}/>`)
    .join('');
  const name = `<name use="L">${element('given', patient.given)}${element('family', patient.family)}</name>`;
  const birth = patient.birthDate ? `<birthTime value="${ts(patient.birthDate)}"/>` : '';
  return `<recordTarget><patientRole>${ids}<patient>${name}${birth}</patient></patientRole></recordTarget>`;
}

const KIND = {
  consult_note: { template: '2.16.840.1.113883.10.20.22.1.4', code: '11488-4' },
  referral_note: { template: '2.16.840.1.113883.10.20.22.1.14', code: '57133-1' },
} as const;

/** A small, well-formed C-CDA document that `readConsultNote` reads back field by field. */
export function buildConsultNoteXml(params: ConsultNoteXmlParams = {}): string {
  const kind = KIND[params.kind ?? 'consult_note'];
  const docId = params.documentId ?? { root: TEST_DOCUMENT_ROOT, extension: 'CN-1' };
  const sections: CcdaSectionParams[] = [];
  const add = (code: string, title: string, text: string | undefined) => {
    if (text !== undefined) sections.push({ code, title, text });
  };
  add('42349-1', 'Reason for Referral', params.reasonForReferral);
  add('51848-0', 'Assessment', params.assessment);
  add('18776-5', 'Plan of Treatment', params.plan);
  add('18783-1', 'Recommendations', params.recommendations);
  sections.push(...(params.extraSections ?? []));
  const placer = params.placerId
    ? `<inFulfillmentOf><order><id${attrs({ root: TEST_PLACER_ROOT, extension: params.placerId })}/></order></inFulfillmentOf>`
    : '';
  const encounter = params.encounterDate
    ? `<componentOf><encompassingEncounter><effectiveTime><low value="${ts(params.encounterDate)}"/></effectiveTime></encompassingEncounter></componentOf>`
    : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ClinicalDocument xmlns="urn:hl7-org:v3">',
    '<realmCode code="US"/>',
    '<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>',
    '<templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>',
    `<templateId root="${kind.template}" extension="2015-08-01"/>`,
    `<id${attrs({ root: docId.root, extension: docId.extension })}/>`,
    `<code${attrs({ code: kind.code, codeSystem: LOINC })}/>`,
    element('title', params.title ?? 'Consultation Note'),
    `<effectiveTime value="${ts(params.documentDate ?? '2024-01-01')}"/>`,
    params.patient ? patientXml(params.patient) : '',
    params.author ? authorXml(params.author) : '',
    placer,
    encounter,
    `<component><structuredBody>${sections.map(section).join('')}</structuredBody></component>`,
    '</ClinicalDocument>',
  ].join('\n');
}
