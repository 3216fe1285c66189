import { hl7Time } from './hl7.js';
import type { OfficePatient, OfficeProvider, OfficeReferral } from './model.js';

/** A small C-CDA R2.1 Consult Note (US Realm header + templateId 2.16.840.1.113883.10.20.22.1.4). */

const LOINC = '2.16.840.1.113883.6.1';
const NPI_ROOT = '2.16.840.1.113883.4.6';
/** HL7's example OID arc: identifiers minted by the sandbox. */
const SANDBOX_ROOT = '2.16.840.1.113883.19.5';

interface Findings {
  assessment: string;
  plan: string;
}

const FINDINGS: readonly (Findings & { match: RegExp })[] = [
  {
    match: /macular degeneration|\bamd\b|H35\.3/i,
    assessment:
      'Exudative age-related macular degeneration with subretinal fluid on OCT; visual acuity reduced in the affected eye.',
    plan: 'Intravitreal anti-VEGF injection given today. Repeat OCT and injection in 4 weeks; Amsler grid at home, call with any sudden change in vision.',
  },
  {
    match: /glaucoma|intraocular pressure|\biop\b|H40/i,
    assessment:
      'Primary open-angle glaucoma, moderate stage; IOP above target with early nerve fibre layer thinning on OCT.',
    plan: 'Start latanoprost 0.005% one drop nightly in both eyes. IOP check in 6 weeks, visual field in 3 months.',
  },
  {
    match: /cataract|H2[56]/i,
    assessment: 'Visually significant nuclear sclerotic cataract limiting daily activities.',
    plan: 'Phacoemulsification with intraocular lens implant offered and accepted; biometry done today.',
  },
  {
    match: /diabetic|retinopathy|E1[013]\.3/i,
    assessment: 'Moderate non-proliferative diabetic retinopathy without macular edema.',
    plan: 'Observe; dilated exam in 6 months. Continue glycemic and blood pressure control with primary care.',
  },
  {
    match: /detachment|flashes|floaters|H33|H43/i,
    assessment: 'Posterior vitreous detachment without retinal tear or detachment.',
    plan: 'Retinal detachment warning signs reviewed. Dilated exam in 6 weeks, sooner with new symptoms.',
  },
];

const ROUTINE: Findings = {
  assessment: 'Examination consistent with the referral question; no sight-threatening pathology.',
  plan: 'Return to the referring optometrist for routine care; re-refer with any change.',
};

/** Plausible eye-care findings for what the referral asked about. */
export function findingsFor(referral: OfficeReferral): Findings {
  const question = [referral.reason, ...referral.diagnosis_codes].join(' ');
  return FINDINGS.find((f) => f.match.test(question)) ?? ROUTINE;
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text or attribute content made safe for XML 1.0 (characters it cannot carry dropped). */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) continue;
    out += XML_ESCAPES[ch] ?? ch;
  }
  return out;
}

const GENDER: Readonly<Record<OfficePatient['sex'], string>> = {
  female: 'F',
  male: 'M',
  other: 'UN',
  unknown: 'UNK',
};

export interface ConsultNoteInput {
  documentId: string;
  referral: OfficeReferral;
  patient: OfficePatient;
  office: OfficeProvider;
  visitAt: Date;
  writtenAt: Date;
}

const section = (template: string, code: string, title: string, text: string) => `
    <component>
      <section>
        <templateId root="${template}"/>
        <code code="${code}" codeSystem="${LOINC}" codeSystemName="LOINC" displayName="${title}"/>
        <title>${title}</title>
        <text><paragraph>${escapeXml(text)}</paragraph></text>
      </section>
    </component>`;

export function buildConsultNote(input: ConsultNoteInput): string {
  const { patient, office, referral } = input;
  const x = escapeXml;
  const written = `${hl7Time(input.writtenAt, 'second')}+0000`;
  const visit = `${hl7Time(input.visitAt, 'minute')}+0000`;
  const name = `<name><given>${x(office.given)}</given><family>${x(office.family)}</family></name>`;
  const findings = findingsFor(referral);
  const gender = GENDER[patient.sex];
  return `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <realmCode code="US"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
  <templateId root="2.16.840.1.113883.10.20.22.1.4" extension="2015-08-01"/>
  <id root="${SANDBOX_ROOT}" extension="${x(input.documentId)}"/>
  <code code="11488-4" codeSystem="${LOINC}" codeSystemName="LOINC" displayName="Consult note"/>
  <title>Consult note: ${x(office.office_name)}</title>
  <effectiveTime value="${written}"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="en-US"/>
  <recordTarget>
    <patientRole>
      <id root="${SANDBOX_ROOT}.1" extension="${x(patient.mrn)}" assigningAuthorityName="SANDBOX"/>
      <addr use="HP">
        <streetAddressLine>${x(patient.address.line)}</streetAddressLine>
        <city>${x(patient.address.city)}</city>
        <state>${x(patient.address.state)}</state>
        <postalCode>${x(patient.address.postal_code)}</postalCode>
      </addr>
      <patient>
        <name><given>${x(patient.given_name)}</given><family>${x(patient.family_name)}</family></name>
        <administrativeGenderCode code="${gender}" codeSystem="2.16.840.1.113883.5.1"/>
        <birthTime value="${patient.birth_date.replaceAll('-', '')}"/>
      </patient>
    </patientRole>
  </recordTarget>
  <author>
    <time value="${written}"/>
    <assignedAuthor>
      <id root="${NPI_ROOT}" extension="${x(office.npi)}"/>
      <assignedPerson>${name}</assignedPerson>
      <representedOrganization><name>${x(office.office_name)}</name></representedOrganization>
    </assignedAuthor>
  </author>
  <custodian>
    <assignedCustodian>
      <representedCustodianOrganization>
        <id root="${NPI_ROOT}" extension="${x(office.npi)}"/>
        <name>${x(office.office_name)}</name>
      </representedCustodianOrganization>
    </assignedCustodian>
  </custodian>
  <inFulfillmentOf>
    <order><id root="${SANDBOX_ROOT}.2" extension="${x(referral.id)}"/></order>
  </inFulfillmentOf>
  <componentOf>
    <encompassingEncounter>
      <effectiveTime value="${visit}"/>
      <encounterParticipant typeCode="ATND">
        <assignedEntity><id root="${NPI_ROOT}" extension="${x(office.npi)}"/></assignedEntity>
      </encounterParticipant>
    </encompassingEncounter>
  </componentOf>
  <component>
    <structuredBody>${section('1.3.6.1.4.1.19376.1.5.3.1.3.1', '42349-1', 'Reason for Referral', referral.reason)}${section('2.16.840.1.113883.10.20.22.2.8', '51848-0', 'Assessment', findings.assessment)}${section('2.16.840.1.113883.10.20.22.2.10', '18776-5', 'Plan of Treatment', findings.plan)}
    </structuredBody>
  </component>
</ClinicalDocument>
`;
}
