import type { ReferralRecord, Urgency } from './referral.js';

/** The human gates a coordinator works through in the queue. */
export const QUEUE_GATES = ['review', 'exception'] as const;
export type QueueGate = (typeof QUEUE_GATES)[number];

/** Most pressing first: unknown urgency sorts after routine. */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = {
  emergent: 0,
  urgent: 1,
  routine: 2,
};

export interface QueueQuery {
  practiceId: string;
  gates: readonly QueueGate[];
  specialty?: string;
  urgency?: Urgency;
  /** Only referrals created before this instant (ISO): the age filter. */
  createdBefore?: string;
  limit: number;
}

/** One referral waiting at a human gate, with what the queue shows and sorts by. */
export interface QueueItem {
  record: ReferralRecord;
  specialty: string | null;
  specialtyLabel: string | null;
  urgency: Urgency | null;
}

export interface FilterChoice {
  key: string;
  label: string;
}

/** The practice's queue, most urgent then oldest first, and how many wait at each gate. */
export interface QueueRepo {
  list(query: QueueQuery): Promise<QueueItem[]>;
  counts(practiceId: string): Promise<Record<QueueGate, number>>;
  /** The specialties the practice's referrals have been planned for (filter choices). */
  specialties(practiceId: string): Promise<FilterChoice[]>;
  /** The payers of the practice's referrals (filter choices). */
  payers(practiceId: string): Promise<FilterChoice[]>;
}
