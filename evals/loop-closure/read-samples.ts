import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConsultDocument } from '../../agents/index.js';
import { readConsultNote } from '../../src/adapters/ccda/index.js';
import { consultNoteReader, readHl7Message } from '../../src/adapters/hl7/index.js';
import type { ConsultDocumentKind } from '../../src/domain/index.js';
import type { ExpectedEvent, LoopLabel } from './labels.js';

/** The problem `readConsultDocument` gives a Referral Note: a request, refused, not a failure. */
const REFERRAL_REQUEST = 'referral_request';

/** Which of the labelled fields the reader extracted from a C-CDA document. */
export interface Extraction {
  author: boolean;
  encounterDate: boolean;
  assessmentPlan: boolean;
}

/** What the product made of one labelled sample. */
export interface SampleReading {
  path: string;
  format: LoopLabel['format'];
  expected: ExpectedEvent;
  /** The loop event the product records for it (`none`: it records nothing). */
  parsed: ExpectedEvent;
  /** A reading that should not fail did (a problem other than "not a type or document we read"). */
  parseFailure: string | null;
  documentKind?: ConsultDocumentKind;
  extraction?: Extraction;
}

/**
 * An HL7 v2 sample as the intake reads it: the message's event, unless its attached C-CDA does not
 * read (then the intake makes a task, not an event). Unsupported message types are no failure.
 */
export function readHl7Sample(raw: string): Pick<SampleReading, 'parsed' | 'parseFailure'> {
  const reading = readHl7Message(raw);
  if (reading.kind === 'unreadable') return { parsed: 'none', parseFailure: reading.problem };
  if (reading.kind === 'rejected') {
    const failure = reading.problem === 'unsupported_message_type' ? null : reading.problem;
    return { parsed: 'none', parseFailure: failure };
  }
  const { message } = reading;
  const document = message.document && readConsultDocument(message.document, consultNoteReader);
  if (document && !document.ok) {
    const failure = document.problem === REFERRAL_REQUEST ? null : 'unreadable_document';
    return { parsed: 'none', parseFailure: failure };
  }
  return { parsed: message.event ?? 'none', parseFailure: null };
}

/**
 * A C-CDA sample as the upload reads it: a readable document is filed as a consult
 * (`consult_received`) unless it is a referral request; anything else is refused. Refusing a
 * fragment (no ClinicalDocument) is no failure.
 */
export function readCcdaSample(
  xml: string,
): Pick<SampleReading, 'parsed' | 'parseFailure' | 'documentKind' | 'extraction'> {
  const read = readConsultNote(xml);
  if (!read.ok) {
    const failure = read.problem === 'not_clinical_document' ? null : read.problem;
    return { parsed: 'none', parseFailure: failure };
  }
  const { note } = read;
  const filed = readConsultDocument({ format: 'ccda', content: xml }, consultNoteReader).ok;
  const present = (s: string | undefined) => s !== undefined && s.trim() !== '';
  return {
    parsed: filed ? 'consult_received' : 'none',
    parseFailure: null,
    documentKind: note.kind,
    extraction: {
      author: present(note.author.name),
      encounterDate: present(note.encounterDate),
      assessmentPlan:
        present(note.assessment) || present(note.plan) || present(note.recommendations),
    },
  };
}

/** Reads one labelled sample from the data root, in place. */
export function readSample(dataRoot: string, label: LoopLabel): SampleReading {
  const raw = readFileSync(join(dataRoot, label.path), 'utf8');
  const read: Omit<SampleReading, 'path' | 'format' | 'expected'> =
    label.format === 'hl7v2' ? readHl7Sample(raw) : readCcdaSample(raw);
  const parseFailure =
    read.parseFailure ??
    (label.format === 'ccda' && label.documentKind !== undefined && !read.documentKind
      ? 'document_not_read'
      : null);
  return {
    path: label.path,
    format: label.format,
    expected: label.expected,
    ...read,
    parseFailure,
  };
}
