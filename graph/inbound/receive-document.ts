import { createHash, randomUUID } from 'node:crypto';
import { type ConsultDocument, readConsultDocument } from '../../agents/index.js';
import {
  AppError,
  type Clock,
  type ConsultNoteReader,
  LoopEvent,
  type ReferralStatus,
  type Store,
} from '../../src/domain/index.js';

/** The office has the referral and the loop is open: a consult note can close it. */
export const ACCEPTS_CONSULT: readonly ReferralStatus[] = [
  'sent',
  'acknowledged',
  'scheduled',
  'seen',
];

const UNREADABLE: Readonly<Record<string, string>> = {
  empty: 'The body is empty',
  too_large: 'The document is too large',
  unsafe_xml: 'The XML declares a DTD or entities, which are not accepted',
  not_xml: 'The body is not well-formed XML',
  not_clinical_document: 'The XML is not a C-CDA document (no ClinicalDocument root)',
  referral_request: 'The document is a Referral Note (a request for care), not a consult note',
};

/**
 * Reads an uploaded C-CDA consult note; anything else (a Referral Note included) is refused with
 * DOCUMENT_UNREADABLE and the problem code as the issue's code (nothing of the body is quoted).
 */
export function readUploadedNote(xml: string, reader: ConsultNoteReader): ConsultDocument {
  const read = readConsultDocument({ format: 'ccda', content: xml }, reader);
  if (read.ok) return read.document;
  const message = UNREADABLE[read.problem] ?? 'The body is not a readable C-CDA document';
  const summary =
    read.problem === 'referral_request'
      ? 'The body is not a consult note'
      : 'The body is not a readable C-CDA document';
  throw new AppError('DOCUMENT_UNREADABLE', summary, {
    details: { problem: read.problem },
    issues: [{ path: '(body)', code: read.problem, message }],
  });
}

/** What an upload answers (and a retry with its Idempotency-Key answers again). */
export interface DocumentUploaded {
  documentId: string;
  referralId: string;
  title: string;
  summary: string;
  authorNpi: string | null;
  encounterDate: string | null;
}

export interface DocumentUploadDeps {
  store: Store;
  clock: Clock;
}

/**
 * Files an uploaded consult note against a referral the office has: stores it and records its
 * `consult_received` loop event in one transaction, keyed by the request's Idempotency-Key (a
 * retry gets the first answer and writes nothing; the key with another body or referral is
 * refused). The inbox worker then files it in the EHR and closes the loop, as for an MDM note.
 * CONFLICT when the referral was not sent yet, or its loop is no longer open.
 */
export async function receiveDocument(
  input: {
    practiceId: string;
    referralId: string;
    key: string;
    xml: string;
    document: ConsultDocument;
    actor: string;
  },
  deps: DocumentUploadDeps,
): Promise<{ replayed: boolean; answer: DocumentUploaded }> {
  const { practiceId, referralId, key } = input;
  const requestHash = createHash('sha256')
    .update(JSON.stringify(['document', referralId, input.xml]))
    .digest('hex');
  const replay = (first: { requestHash: string; body: unknown }) => {
    if (first.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_MISMATCH',
        'This Idempotency-Key was used with other parameters',
      );
    }
    return { replayed: true, answer: first.body as DocumentUploaded };
  };

  const earlier = await deps.store.idempotency.get(practiceId, key);
  if (earlier) return replay(earlier);
  const record = await deps.store.referrals.getReferral(practiceId, referralId);
  if (!record) throw new AppError('NOT_FOUND', 'Referral not found');
  if (!ACCEPTS_CONSULT.includes(record.status)) {
    throw new AppError(
      'CONFLICT',
      'A consult note is accepted only once the referral was sent, while its loop is open',
      { details: { status: record.status } },
    );
  }

  const { document } = input;
  const answer: DocumentUploaded = {
    documentId: randomUUID(),
    referralId,
    title: document.title,
    summary: document.summary,
    authorNpi: document.authorNpi,
    encounterDate: document.encounterDate,
  };
  const eventId = `upload|${key}`;
  const { recorded, first } = await deps.store.documents.upload({
    document: {
      id: answer.documentId,
      key: `upload|${practiceId}|${key}`,
      practiceId,
      referralId,
      source: 'upload',
      format: document.format,
      title: document.title,
      content: document.content,
      summary: document.summary,
      authorNpi: document.authorNpi,
      encounterDate: document.encounterDate,
    },
    event: {
      referralId,
      event: LoopEvent.parse({
        type: 'consult_received',
        eventId,
        at: deps.clock.now().toISOString(),
        source: 'upload',
        documentId: answer.documentId,
      }),
    },
    receipt: { key, requestHash, statusCode: 202, body: answer },
    actor: input.actor,
  });
  return recorded ? { replayed: false, answer } : replay(first);
}
