import { z } from 'zod';

/** The referral lifecycle of ARCHITECTURE.md §2: the main path, then the side exits. */
export const REFERRAL_STATUSES = [
  'received',
  'search_initiated',
  'candidates_identified',
  'pending_review',
  'approved',
  'sent',
  'acknowledged',
  'scheduled',
  'seen',
  'consult_received',
  'closed',
  'exception',
  'rejected',
  'declined',
  'cancelled',
  'expired',
] as const;

export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

const CANCELLABLE: readonly ReferralStatus[] = ['cancelled', 'exception'];

/** Allowed moves; anything not listed here is a defect, refused by `assertTransition`. */
export const TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  received: ['search_initiated', ...CANCELLABLE],
  search_initiated: ['candidates_identified', ...CANCELLABLE],
  candidates_identified: ['pending_review', 'approved', ...CANCELLABLE],
  pending_review: ['approved', 'rejected', ...CANCELLABLE],
  approved: ['sent', ...CANCELLABLE],
  // An office may skip steps: a consult note can be the first thing it sends back.
  sent: [
    'acknowledged',
    'scheduled',
    'seen',
    'consult_received',
    'declined',
    'expired',
    ...CANCELLABLE,
  ],
  acknowledged: ['scheduled', 'seen', 'consult_received', 'declined', 'expired', ...CANCELLABLE],
  // Back to `acknowledged` when the appointment is cancelled or missed: the office rebooks.
  scheduled: ['acknowledged', 'seen', 'consult_received', 'declined', 'expired', ...CANCELLABLE],
  seen: ['consult_received', 'expired', ...CANCELLABLE],
  consult_received: ['closed'],
  closed: [],
  exception: ['search_initiated', 'pending_review', 'cancelled', 'rejected'],
  rejected: ['search_initiated', 'closed'],
  declined: ['search_initiated', 'exception', 'cancelled'],
  cancelled: [],
  expired: ['closed'],
};

export const TERMINAL_STATUSES: readonly ReferralStatus[] = ['closed', 'cancelled'];

export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
