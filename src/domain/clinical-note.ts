import { z } from 'zod';

export const CLINICAL_NOTE_KINDS = ['progress', 'exam', 'history', 'medication', 'other'] as const;
export const ClinicalNoteKind = z.enum(CLINICAL_NOTE_KINDS);
export type ClinicalNoteKind = z.infer<typeof ClinicalNoteKind>;

/** The most notes `EhrClient.getClinicalNotes` returns (the newest ones). */
export const CLINICAL_NOTES_LIMIT = 50;

/** One dated entry of a patient's clinical history, as the EHR holds it (PHI: de-identify first). */
export const ClinicalNote = z.object({
  id: z.string().min(1),
  patientId: z.string().min(1),
  date: z.iso.date(),
  kind: ClinicalNoteKind,
  author: z.string().min(1).optional(),
  text: z.string().min(1).max(8000),
});
export type ClinicalNote = z.infer<typeof ClinicalNote>;
