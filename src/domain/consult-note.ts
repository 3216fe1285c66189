import { z } from 'zod';

/** A section of a clinical document as plain text (narrative with tags stripped). */
export const DocumentSection = z.object({
  /** LOINC section code, when coded. */
  code: z.string().optional(),
  title: z.string(),
  text: z.string(),
});
export type DocumentSection = z.infer<typeof DocumentSection>;

/** What kind of C-CDA document it is, from its templateId or its LOINC code. */
export const ConsultDocumentKind = z.enum([
  'consult_note',
  'referral_note',
  'progress_note',
  'other',
]);
export type ConsultDocumentKind = z.infer<typeof ConsultDocumentKind>;

/** A consult note (or report) read from a C-CDA document: who wrote it, when, and what they found. */
export const ConsultNote = z.object({
  kind: ConsultDocumentKind,
  /** ClinicalDocument/id as `root^extension`. */
  documentId: z.string().optional(),
  title: z.string(),
  /** YYYY-MM-DD of the encounter (encompassingEncounter), else the document's effective time. */
  encounterDate: z.string().optional(),
  author: z.object({
    name: z.string().optional(),
    npi: z.string().optional(),
    organization: z.string().optional(),
  }),
  patient: z.object({
    ids: z.array(z.string()).default(() => []),
    family: z.string().optional(),
    given: z.string().optional(),
    birthDate: z.string().optional(),
  }),
  /** Our referral id where the document carries it (inFulfillmentOf/order/id). */
  placerId: z.string().optional(),
  assessment: z.string().optional(),
  plan: z.string().optional(),
  recommendations: z.string().optional(),
  reasonForReferral: z.string().optional(),
  sections: z.array(DocumentSection).default(() => []),
});
export type ConsultNote = z.infer<typeof ConsultNote>;

/** Why a C-CDA document could not be read. */
export const CcdaProblem = z.enum([
  'empty',
  'too_large',
  'unsafe_xml',
  'not_xml',
  'not_clinical_document',
]);
export type CcdaProblem = z.infer<typeof CcdaProblem>;
