import { z } from 'zod';
import { LoopEventType } from './loop-event.js';

/** HL7 v2 acknowledgement codes (MSA-1): accepted, error, rejected. */
export const Hl7AckCode = z.enum(['AA', 'AE', 'AR']);
export type Hl7AckCode = z.infer<typeof Hl7AckCode>;

/** The message types we read, as `MSH-9.1^MSH-9.2`. */
export const CLINICAL_MESSAGE_TYPES = [
  'SIU^S12',
  'SIU^S13',
  'SIU^S14',
  'SIU^S15',
  'SIU^S16',
  'SIU^S17',
  'SIU^S26',
  'ADT^A01',
  'ADT^A03',
  'ADT^A04',
  'MDM^T02',
  'MDM^T04',
  'MDM^T06',
  'MDM^T10',
  'ORU^R01',
  'REF^I12',
  'REF^I14',
] as const;
export const ClinicalMessageType = z.enum(CLINICAL_MESSAGE_TYPES);
export type ClinicalMessageType = z.infer<typeof ClinicalMessageType>;

/** Who the message is about, as the sender identifies the patient. */
export const MessagePatient = z.object({
  /** PID-3 identifiers (first component of each repetition). */
  ids: z.array(z.string()).default(() => []),
  family: z.string().optional(),
  given: z.string().optional(),
  /** YYYY-MM-DD. */
  birthDate: z.string().optional(),
});
export type MessagePatient = z.infer<typeof MessagePatient>;

/** A document carried by a message: a C-CDA (XML) or plain text. */
export const CarriedDocument = z.object({
  format: z.enum(['ccda', 'text']),
  content: z.string(),
  title: z.string().optional(),
});
export type CarriedDocument = z.infer<typeof CarriedDocument>;

/**
 * One inbound HL7 v2 message reduced to what closes a loop: which event it reports, and the
 * identifiers that find its referral. Header fields are validated; the rest is what the sender wrote.
 */
export const ClinicalMessage = z.object({
  /** MSH-10. */
  controlId: z.string().min(1),
  /** MSH-4 (first component). */
  sendingFacility: z.string(),
  /** MSH-6 (first component). */
  receivingFacility: z.string(),
  type: ClinicalMessageType,
  /** MSH-12. */
  version: z.string(),
  /** The loop event the message reports; null when it reports nothing we act on (e.g. RF1-1 `P`). */
  event: LoopEventType.nullable(),
  /** Our referral id as echoed by the office (SCH-26, ORC-2/OBR-2, TXA-14, RF1-6); absent when not. */
  placerId: z.string().optional(),
  patient: MessagePatient,
  /** The specialist's NPI where the message names one (AIP-3, PV1-7/8, TXA-5, OBR-16, PRD RT). */
  providerNpi: z.string().optional(),
  /** When the reported thing happened (ISO 8601): the appointment, the visit, the document. */
  at: z.string().optional(),
  appointmentAt: z.string().optional(),
  document: CarriedDocument.optional(),
  /** Free text the office wrote (a reason, a comment), kept short. */
  note: z.string().max(2000).optional(),
});
export type ClinicalMessage = z.infer<typeof ClinicalMessage>;

/** Why an inbound HL7 v2 message was not read; closed, so ACKs and receipts stay predictable. */
export const HL7_PROBLEMS = [
  'empty',
  'too_large',
  'no_msh',
  'bad_encoding_characters',
  'batch_not_supported',
  'malformed_segment',
  'missing_control_id',
  'unsupported_version',
  'unsupported_message_type',
  'missing_required_field',
  'malformed_field',
  /** The reader itself failed: a defect, answered like any rejection. */
  'internal_error',
  /** The sending facility is not one this deployment accepts messages from. */
  'unauthorized',
  /** The attached document could not be read (malformed or unsafe C-CDA). */
  'unreadable_document',
] as const;
export const Hl7Problem = z.enum(HL7_PROBLEMS);
export type Hl7Problem = z.infer<typeof Hl7Problem>;

/** The MSH of an inbound message: first components, unescaped; '' where the sender left it empty. */
export const Hl7Header = z.object({
  /** MSH-10; '' when missing or unusable. */
  controlId: z.string(),
  sendingApplication: z.string(),
  sendingFacility: z.string(),
  receivingApplication: z.string(),
  receivingFacility: z.string(),
  /** MSH-9.1, e.g. 'SIU'. */
  messageType: z.string(),
  /** MSH-9.2, e.g. 'S12'. */
  trigger: z.string(),
  /** MSH-12.1. */
  version: z.string(),
  /** MSH-11.1 (P, T, D). */
  processingId: z.string(),
  /** MSH-1 and MSH-2 as declared, e.g. `|^~\&`. */
  encodingCharacters: z.string(),
  /** MSH-7 (ISO 8601) when it parses. */
  sentAt: z.string().optional(),
});
export type Hl7Header = z.infer<typeof Hl7Header>;

/** What reading one inbound message gave: nothing usable, a rejection to answer, or a message. */
export const Hl7Reading = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unreadable'), problem: Hl7Problem }),
  z.object({
    kind: z.literal('rejected'),
    header: Hl7Header,
    problem: Hl7Problem,
    /** Names fields and positions only, never values. */
    detail: z.string(),
  }),
  z.object({ kind: z.literal('read'), header: Hl7Header, message: ClinicalMessage }),
]);
export type Hl7Reading = z.infer<typeof Hl7Reading>;
