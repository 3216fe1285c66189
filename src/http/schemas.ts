import { z } from '@hono/zod-openapi';
import {
  AgentRun,
  AWAIT_KINDS,
  Candidate,
  CoordinatorTask,
  HumanInterrupt,
  PENDING_INTERRUPT_KINDS,
  ReferralStatus,
  ReviewDecision,
  SpecialtyInference,
  TimerKind,
  Urgency,
} from '../domain/index.js';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
        .optional(),
    }),
  })
  .openapi('Error');

export const ReferralSummary = z
  .object({
    id: z.string(),
    status: ReferralStatus,
    mode: z.enum(['shadow', 'assist', 'autonomous']),
    referralType: z.string(),
    pending: z.enum(PENDING_INTERRUPT_KINDS).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ReferralSummary');

export const PendingGate = z
  .object({
    interruptId: z.string(),
    kind: z.enum(PENDING_INTERRUPT_KINDS),
    request: z.union([HumanInterrupt, z.record(z.string(), z.unknown())]),
  })
  .openapi('PendingGate');

export const TimelineEntry = z.object({
  at: z.string(),
  actor: z.string(),
  from: z.string().nullable(),
  to: z.string(),
});

export const ReferralDetail = ReferralSummary.extend({
  /** The provider's reason and codes, as the EHR holds them (null before intake read them). */
  reason: z
    .object({ text: z.string(), diagnosisCodes: z.array(z.string()), urgency: Urgency })
    .nullable(),
  specialty: SpecialtyInference.nullable(),
  flags: z.array(z.string()),
  candidates: z.array(Candidate),
  recommendedCandidateId: z.string().nullable(),
  selectedCandidateId: z.string().nullable(),
  packet: z.object({ subject: z.string(), body: z.string() }).nullable(),
  /** The drafted messages to the specialist's office and to the patient (in their language). */
  outreach: z
    .object({
      officeMessage: z.string(),
      patientMessage: z.object({ language: z.string(), text: z.string() }),
    })
    .nullable(),
  /** The history relevant to the reason, de-identified. */
  clinicalSummary: z.string().nullable(),
  /** The LLM's justification of its pick (de-identified); null when the rules decided. */
  rationale: z.string().nullable(),
  /** Which path each agent step took: the LLM, or the rules and why. */
  agentRuns: z.array(AgentRun),
  exception: z
    .object({
      reason: z.string(),
      stage: z.string(),
      code: z.string(),
      detail: z.string().optional(),
    })
    .nullable(),
  alternatives: z.array(Candidate),
  pendingReview: PendingGate.nullable(),
  /** The wait the referral is in after sending, and its deadline (what happens when it passes). */
  waiting: z
    .object({
      kind: z.enum(AWAIT_KINDS),
      timer: TimerKind.nullable(),
      dueAt: z.string().nullable(),
    })
    .nullable(),
  appointmentAt: z.string().nullable(),
  /** The consult note once it is in: the summary, and where to read the document. */
  consultNote: z
    .object({
      documentId: z.string(),
      title: z.string(),
      summary: z.string(),
      authorNpi: z.string().nullable(),
      encounterDate: z.string().nullable(),
      receivedAt: z.string(),
      href: z.string(),
    })
    .nullable(),
  timeline: z.array(TimelineEntry),
}).openapi('ReferralDetail');

export const ReviewBody = ReviewDecision;

export const ReviewResult = z
  .object({
    referralId: z.string(),
    decision: z.string(),
    status: ReferralStatus,
    pending: z.string().nullable(),
  })
  .openapi('ReviewResult');

export const AuditEntry = z
  .object({
    seq: z.number(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    hash: z.string(),
  })
  .openapi('AuditEvent');

export const Task = CoordinatorTask;

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'ref-000001' }),
});

export const ListQuery = z.object({
  status: ReferralStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const DocumentParams = IdParam.extend({
  documentId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/)
    .openapi({ param: { name: 'documentId', in: 'path' } }),
});

/** An uploaded consult note, as stored: what was read from it, and where to read it. */
export const DocumentUploadResult = z
  .object({
    documentId: z.string(),
    referralId: z.string(),
    title: z.string(),
    /** Who, when, assessment, plan, recommendations, what is missing: written by rule. */
    summary: z.string(),
    authorNpi: z.string().nullable(),
    /** YYYY-MM-DD. */
    encounterDate: z.string().nullable(),
    href: z.string(),
  })
  .openapi('DocumentUploadResult');

/** A consult document stored against a referral (from HL7 v2 or an upload), with its content. */
export const ConsultDocument = z
  .object({
    documentId: z.string(),
    referralId: z.string(),
    source: z.enum(['hl7', 'upload', 'direct']),
    format: z.enum(['ccda', 'text']),
    contentType: z.enum(['application/xml', 'text/plain']),
    title: z.string(),
    summary: z.string(),
    authorNpi: z.string().nullable(),
    encounterDate: z.string().nullable(),
    receivedAt: z.string(),
    content: z.string(),
  })
  .openapi('ConsultDocument');
