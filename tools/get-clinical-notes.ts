import { z } from 'zod';
import { CLINICAL_NOTES_LIMIT, ClinicalNote } from '../src/domain/index.js';
import { defineTool } from './define-tool.js';

/** Read-only: the patient's clinical history, for a de-identified summary of what matters. */
export const getClinicalNotes = defineTool({
  name: 'get_clinical_notes',
  description:
    "List the patient's clinical notes (exam findings, history, medications), newest first, at most 50.",
  input: z.object({ patientId: z.string().min(1).describe('The EHR patient id') }),
  output: z.array(ClinicalNote).max(CLINICAL_NOTES_LIMIT),
  check: (out, input) =>
    out.every((note) => note.patientId === input.patientId)
      ? null
      : 'EHR returned a note of a different patient',
  execute: (input, deps) => deps.ehr.getClinicalNotes(input.patientId),
});
