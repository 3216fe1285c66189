import { z } from 'zod';

/** A coordinator's decision on a review (or exception) gate, as the API takes it. */
export const ReviewDecision = z.strictObject({
  /** `reject` offers the next candidates (the rejected one excluded); `cancel` ends the referral. */
  decision: z
    .enum(['approve', 'edit', 'reject', 'retry', 'cancel'])
    .describe(
      'A review takes approve, edit, reject or cancel; an exception takes retry (or approve) and cancel (or reject)',
    ),
  candidateId: z.string().min(1).max(200).optional(),
  note: z.string().max(4000).optional(),
  /** The coordinator's own version of the drafted letter to the specialist. */
  packetBody: z.string().min(1).max(8000).optional(),
  /** The coordinator's own version of the message to the patient. */
  patientMessage: z.string().min(1).max(2000).optional(),
  specialty: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe(
      "Exception only, with retry: match again for this specialty (a key of the specialty catalog, e.g. 'retina') instead of the inferred one; later re-matches keep it",
    ),
  npi: z
    .string()
    .regex(/^\d{10}$/)
    .optional()
    .describe(
      'Exception only, with retry (not with specialty): propose this active specialist of the directory, checked like any candidate; the review gate still decides',
    ),
  locationId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("With npi: the specialist's location (default: the best one for the patient)"),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** Agent Inbox `HumanInterrupt` (the shape any Agent-Inbox-speaking UI renders). */
export const HumanInterrupt = z.object({
  action_request: z.object({ action: z.string(), args: z.record(z.string(), z.unknown()) }),
  config: z.object({
    allow_ignore: z.boolean(),
    allow_respond: z.boolean(),
    allow_edit: z.boolean(),
    allow_accept: z.boolean(),
  }),
  description: z.string().optional(),
});
export type HumanInterrupt = z.infer<typeof HumanInterrupt>;

export const ActionRequest = z.object({
  action: z.string(),
  args: z.record(z.string(), z.unknown()),
});

/** Agent Inbox `HumanResponse`: the inbox always resumes with an array of exactly one. */
export const HumanResponse = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), args: ActionRequest.nullable() }),
  z.object({ type: z.literal('edit'), args: ActionRequest }),
  z.object({ type: z.literal('response'), args: z.string().max(4000) }),
  z.object({ type: z.literal('ignore'), args: z.null() }),
]);
export type HumanResponse = z.infer<typeof HumanResponse>;

export const HumanResponses = z.array(HumanResponse).length(1);
export type HumanResponses = z.infer<typeof HumanResponses>;

/** Who resumed a human gate, carried with the resume value into the graph. */
export const Reviewer = z.object({ id: z.string(), role: z.string() });
export type Reviewer = z.infer<typeof Reviewer>;
