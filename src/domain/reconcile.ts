import { z } from 'zod';
import { ReferralEvent, type ReferralEventType } from './event.js';
import type { ReferralStatus } from './status.js';

const Id = ReferralEvent.shape.data.shape.referral_id;
const Instant = z.iso.datetime({ offset: true });
const Note = z.string().max(2000);

/** What the specialist's office told the EHR about a referral (the EHR's own record of it). */
export const EhrResponse = z.object({
  type: z.enum(['acknowledged', 'declined', 'scheduled']),
  at: Instant,
  note: Note.optional(),
  appointmentAt: Instant.optional(),
});
export type EhrResponse = z.infer<typeof EhrResponse>;

/**
 * A referral as the EHR's change feed shows it (`GET /api/referrals?updated_since=`): enough to
 * tell which of its events we may have missed, nothing about the patient.
 */
export const ReferralChange = z.object({
  referralId: Id,
  practiceId: Id,
  createdAt: Instant.optional(),
  /** Moves on every change, ours (write-backs) included; the feed is ordered by it. */
  updatedAt: Instant,
  /** The EHR's status as it shows it, which may be what the service wrote back. */
  status: z.string().min(1),
  /** The last status the service wrote back (null: none): the EHR echoing it is not news. */
  lastWriteBack: z.string().nullable(),
  /** When staff cancelled it in the EHR (null: not cancelled there). */
  cancelledAt: Instant.nullable(),
  cancellationNote: Note.optional(),
  /** The specialist's answers the EHR recorded, oldest first. */
  responses: z.array(EhrResponse),
});
export type ReferralChange = z.infer<typeof ReferralChange>;

/** One page of the change feed, oldest change first. */
export interface ReferralChangePage {
  changes: ReferralChange[];
  /** Entries of the page that did not validate (skipped; the cursor still moves past them). */
  invalid: number;
  /** The `since` of the next page; null when this page was the last. */
  nextCursor: string | null;
  /** The newest `updated_at` on the page (null: empty page): where the next pass starts. */
  lastUpdatedAt: string | null;
}

/** What the service knows of a referral the EHR says changed. */
export interface ReconcileView {
  /** Our index row (null: we never started it) and when we last sent it to a specialist. */
  tracked: { status: ReferralStatus; sentAt: string | null } | null;
  /** EHR events for it recorded in the inbox and not yet applied (a webhook that did arrive). */
  pending: ReferralEventType[];
}

/** The reconciler's memory: how far it read each practice's change feed. */
export interface ReconcileStore {
  /** The `since` of the practice's next pass; undefined before its first. */
  cursor(practiceId: string): Promise<string | undefined>;
  /** Moves the cursor forward, never back (a slower pass of another process cannot rewind it). */
  advance(practiceId: string, cursor: string): Promise<void>;
  /** One view per id asked (unknown ids: not tracked, nothing pending). */
  lookUp(practiceId: string, referralIds: readonly string[]): Promise<Map<string, ReconcileView>>;
}
