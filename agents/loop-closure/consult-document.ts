import type {
  CarriedDocument,
  ConsultNoteReader,
  MessagePatient,
  StoredDocument,
} from '../../src/domain/index.js';
import { CONSULT_SUMMARY_LIMIT, firstSentences, summarizeConsult } from './summarize-consult.js';

/** A consult document read for filing: what the coordinator sees of it, and what identifies it. */
export interface ConsultDocument {
  format: StoredDocument['format'];
  title: string;
  content: string;
  summary: string;
  authorNpi: string | null;
  encounterDate: string | null;
  /** What the document itself says (a C-CDA's header): matched like a message's identifiers. */
  placerId?: string;
  patient?: MessagePatient;
}

/**
 * Reads a consult document (a C-CDA, or plain text from an HL7 report) into what is filed and
 * summarized; a C-CDA that does not read is refused with the reader's problem code, and a
 * Referral Note with `referral_request`.
 */
export function readConsultDocument(
  carried: CarriedDocument,
  reader: ConsultNoteReader,
): { ok: true; document: ConsultDocument } | { ok: false; problem: string } {
  if (carried.format === 'text') {
    const text = carried.content.trim();
    return {
      ok: true,
      document: {
        format: 'text',
        title: carried.title?.trim() || 'Consult report',
        content: text,
        summary: firstSentences(text, CONSULT_SUMMARY_LIMIT),
        authorNpi: null,
        encounterDate: null,
      },
    };
  }
  const read = reader.read(carried.content);
  if (!read.ok) return { ok: false, problem: read.problem };
  const { note } = read;
  // A Referral Note asks for care, it does not report it: filed, it would close the loop unanswered.
  if (note.kind === 'referral_note') return { ok: false, problem: 'referral_request' };
  return {
    ok: true,
    document: {
      format: 'ccda',
      title: note.title || carried.title || 'Consult note',
      content: carried.content,
      summary: summarizeConsult(note),
      authorNpi: note.author.npi ?? null,
      encounterDate: note.encounterDate ?? null,
      ...(note.placerId ? { placerId: note.placerId } : {}),
      patient: {
        ids: note.patient.ids,
        ...(note.patient.family ? { family: note.patient.family } : {}),
        ...(note.patient.given ? { given: note.patient.given } : {}),
        ...(note.patient.birthDate ? { birthDate: note.patient.birthDate } : {}),
      },
    },
  };
}
