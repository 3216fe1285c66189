import { describe, expect, it } from 'vitest';
import { consultNoteReader } from '../../src/adapters/hl7/index.js';
import { AppError } from '../../src/domain/index.js';
import { buildConsultNoteXml } from '../../test/support/ccda-documents.js';
import { readUploadedNote } from './receive-document.js';

const refusal = (xml: string) => {
  try {
    readUploadedNote(xml, consultNoteReader);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('readUploadedNote', () => {
  it('reads a consult note for filing', () => {
    const note = readUploadedNote(
      buildConsultNoteXml({ assessment: 'Ocular hypertension.', encounterDate: '2026-03-02' }),
      consultNoteReader,
    );
    expect(note).toMatchObject({ format: 'ccda', encounterDate: '2026-03-02' });
    expect(note.summary).toContain('Ocular hypertension.');
  });

  it('refuses a Referral Note: a request for care is not the consult that answers it', () => {
    const error = refusal(buildConsultNoteXml({ kind: 'referral_note', assessment: 'Glaucoma?' }));
    expect(error.code).toBe('DOCUMENT_UNREADABLE');
    expect(error.message).toBe('The body is not a consult note');
    expect(error.issues).toEqual([
      {
        path: '(body)',
        code: 'referral_request',
        message: 'The document is a Referral Note (a request for care), not a consult note',
      },
    ]);
  });

  it('refuses what is not a C-CDA with the reader’s problem', () => {
    const error = refusal('<Other/>');
    expect(error.message).toBe('The body is not a readable C-CDA document');
    expect(error.issues[0]?.code).toBe('not_clinical_document');
  });
});
