import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CcdaProblem, ConsultNote } from '../../domain/index.js';
import { type CdaNode, firstNode } from './cda-values.js';
import { readHeader } from './header.js';
import { findSections } from './sections.js';

export const CCDA_MAX_BYTES = 5 * 1024 * 1024;

export type ReadConsultNote =
  | { ok: true; note: ConsultNote }
  | { ok: false; problem: CcdaProblem; detail: string };

const REPEATING = new Set([
  'templateId',
  'id',
  'author',
  'recordTarget',
  'inFulfillmentOf',
  'order',
  'component',
  'section',
  'entry',
  'name',
  'given',
  'family',
  'prefix',
  'suffix',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATING.has(name),
  stopNodes: ['*.section.text'],
});

/** Any DTD: its entities could expand without bound or read files, so none is accepted. */
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;

type Failure = Extract<ReadConsultNote, { ok: false }>;

const refuse = (problem: CcdaProblem, detail: string): Failure => ({ ok: false, problem, detail });

function parseDocument(xml: string): { doc: CdaNode } | Failure {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { code, line } = valid.err;
    return refuse('not_xml', `malformed XML (${code} at line ${line})`);
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    // The parser refuses names such as __proto__ or constructor with a [SECURITY] error.
    return error instanceof Error && error.message.startsWith('[SECURITY]')
      ? refuse('unsafe_xml', 'an element name is a reserved JavaScript property')
      : refuse('not_xml', 'the XML parser could not read the document');
  }
  const root = firstNode(parsed) ?? {};
  const elements = Object.entries(root).filter(([name]) => !name.startsWith('?'));
  const [only] = elements;
  if (elements.length !== 1 || (Array.isArray(only?.[1]) && only[1].length !== 1)) {
    return refuse('not_xml', 'the document does not have exactly one root element');
  }
  if (!('ClinicalDocument' in root)) {
    return refuse('not_clinical_document', 'the root element is not ClinicalDocument');
  }
  const doc = firstNode(root.ClinicalDocument);
  return doc ? { doc } : refuse('empty', 'the ClinicalDocument element has no content');
}

/**
 * Reads a consult note (or any C-CDA document) into a `ConsultNote`. Never throws: whatever the
 * input, it returns a note or a closed problem whose detail quotes nothing from the document.
 */
export function readConsultNote(xml: string): ReadConsultNote {
  try {
    if (typeof xml !== 'string') return refuse('empty', 'no document');
    if (Buffer.byteLength(xml, 'utf8') > CCDA_MAX_BYTES) {
      return refuse('too_large', `the document exceeds ${CCDA_MAX_BYTES} bytes`);
    }
    if (xml.trim() === '') return refuse('empty', 'no document');
    if (DECLARATION.test(xml)) {
      return refuse('unsafe_xml', 'DOCTYPE and ENTITY declarations are not accepted');
    }
    const parsed = parseDocument(xml.replace(/^\uFEFF/, ''));
    if (!('doc' in parsed)) return parsed;
    return { ok: true, note: { ...readHeader(parsed.doc), ...findSections(parsed.doc) } };
  } catch {
    return refuse('not_xml', 'the document could not be read');
  }
}
