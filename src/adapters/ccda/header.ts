import { type ConsultDocumentKind, type ConsultNote, isValidNpi } from '../../domain/index.js';
import { attr, type CdaNode, childAt, dayOf, nodes, textOf } from './cda-values.js';

const NPI_ROOT = '2.16.840.1.113883.4.6';
const SSN_ROOT = '2.16.840.1.113883.4.1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document templates (C-CDA R2.1) and LOINC document codes; 57113-1 is the HL7 sample's typo. */
const KINDS: readonly { kind: ConsultDocumentKind; templateId: string; codes: string[] }[] = [
  { kind: 'consult_note', templateId: '2.16.840.1.113883.10.20.22.1.4', codes: ['11488-4'] },
  {
    kind: 'referral_note',
    templateId: '2.16.840.1.113883.10.20.22.1.14',
    codes: ['57133-1', '57113-1'],
  },
  { kind: 'progress_note', templateId: '2.16.840.1.113883.10.20.22.1.9', codes: ['11506-3'] },
];

export type DocumentHeader = Pick<
  ConsultNote,
  'kind' | 'documentId' | 'title' | 'encounterDate' | 'author' | 'patient' | 'placerId'
>;

function kindOf(doc: CdaNode): ConsultDocumentKind {
  const templates = new Set(nodes(doc.templateId).map((t) => attr(t, 'root')));
  const code = attr(childAt(doc, 'code'), 'code');
  const found = KINDS.find((k) => templates.has(k.templateId) || (code && k.codes.includes(code)));
  return found?.kind ?? 'other';
}

function instanceId(id: CdaNode | undefined): string | undefined {
  const root = attr(id, 'root');
  const extension = attr(id, 'extension');
  if (root && extension) return `${root}^${extension}`;
  return root ?? extension;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

const partsOf = (value: unknown): string[] =>
  listOf(value)
    .map((part) => textOf(part))
    .filter((part): part is string => part !== undefined);

/** Given names without the call-me name (qualifier CL), which repeats the person under a nickname. */
const givenNames = (name: CdaNode): string[] =>
  partsOf(listOf(name.given).filter((g) => nodes(g).every((n) => attr(n, 'qualifier') !== 'CL')));

/** A person's name as written for a reader: prefix, given, family, then suffixes after a comma. */
export function personName(nameValue: unknown): string | undefined {
  const name = nodes(nameValue)[0];
  if (!name) return textOf(nameValue);
  const main = [...partsOf(name.prefix), ...givenNames(name), ...partsOf(name.family)].join(' ');
  if (main === '') return textOf(name);
  const suffix = partsOf(name.suffix).join(', ');
  return suffix ? `${main}, ${suffix}` : main;
}

function authorOf(doc: CdaNode): ConsultNote['author'] {
  const assigned = nodes(doc.author).map((a) => childAt(a, 'assignedAuthor'));
  const person = assigned.find((a) => childAt(a, 'assignedPerson')) ?? assigned[0];
  const npi = nodes(person?.id)
    .filter((id) => attr(id, 'root') === NPI_ROOT)
    .map((id) => attr(id, 'extension'))
    .find((ext) => ext !== undefined && isValidNpi(ext));
  return {
    name: personName(childAt(person, 'assignedPerson')?.name),
    npi,
    organization: textOf(childAt(person, 'representedOrganization')?.name),
  };
}

/** The legal name (use L) when marked, else the first name. */
function legalName(names: unknown): CdaNode | undefined {
  const all = nodes(names);
  return all.find((n) => attr(n, 'use')?.split(' ').includes('L')) ?? all[0];
}

/** Identifiers by which the sender knows the patient; Social Security numbers are left out. */
function patientOf(doc: CdaNode): ConsultNote['patient'] {
  const role = childAt(doc, 'recordTarget', 'patientRole');
  const ids = nodes(role?.id)
    .filter((id) => attr(id, 'root') !== SSN_ROOT)
    .map((id) => attr(id, 'extension') ?? attr(id, 'root'))
    .filter((id): id is string => id !== undefined);
  const patient = childAt(role, 'patient');
  const name = legalName(patient?.name);
  const given = name ? givenNames(name).join(' ') : '';
  return {
    ids,
    family: name ? partsOf(name.family)[0] : undefined,
    given: given === '' ? undefined : given,
    birthDate: dayOf(childAt(patient, 'birthTime')),
  };
}

/** The order this document fulfils: the first id with an extension, else a UUID root. */
function placerIdOf(doc: CdaNode): string | undefined {
  const ids = nodes(doc.inFulfillmentOf)
    .flatMap((f) => nodes(f.order))
    .flatMap((o) => nodes(o.id));
  const withExtension = ids.map((id) => attr(id, 'extension')).find((ext) => ext !== undefined);
  return withExtension ?? ids.map((id) => attr(id, 'root')).find((root) => UUID.test(root ?? ''));
}

export function readHeader(doc: CdaNode): DocumentHeader {
  const encounter = childAt(doc, 'componentOf', 'encompassingEncounter', 'effectiveTime');
  return {
    kind: kindOf(doc),
    documentId: instanceId(childAt(doc, 'id')),
    title: textOf(doc.title) ?? attr(childAt(doc, 'code'), 'displayName') ?? '',
    encounterDate: dayOf(encounter) ?? dayOf(childAt(doc, 'effectiveTime')),
    author: authorOf(doc),
    patient: patientOf(doc),
    placerId: placerIdOf(doc),
  };
}
