import { z } from 'zod';

export const AUDIT_ACTIONS = [
  'webhook.accepted',
  'webhook.duplicate',
  'referral.transition',
  'tool.called',
  'tool.refused',
  'llm.called',
  'agent.decided',
  'writeback.queued',
  'writeback.delivered',
  'message.queued',
  'message.delivered',
  'message.withdrawn',
  'task.created',
  /** A coordinator marked a task done (its id and kind, the note's length). */
  'task.completed',
  'outbox.failed',
  'review.decided',
  'event.ignored',
  'event.refused',
  'thread.ended',
  /** A loop event the service recorded for a referral: a delivery outcome, an HL7 message, a timer. */
  'event.recorded',
  'hl7.received',
  'document.stored',
  'document.filed',
  /** One pass of the reconciler over the EHR's change feed (counts only). */
  'reconcile.pass',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** What a caller appends; the store adds sequence, time and the hash chain. */
export const AuditDraft = z.object({
  practiceId: z.string(),
  referralId: z.string().nullable(),
  actor: z.string().min(1).describe('"system", "ehr", "coordinator:<id>", "tool:<name>"'),
  action: AuditAction,
  /** Non-PHI facts only: ids, statuses, codes, counts, hashes. */
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditDraft = z.infer<typeof AuditDraft>;

export const AuditEvent = AuditDraft.extend({
  seq: z.number().int().positive(),
  at: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
