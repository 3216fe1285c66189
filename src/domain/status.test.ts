import { describe, expect, it } from 'vitest';
import { canTransition, REFERRAL_STATUSES, type ReferralStatus, TRANSITIONS } from './status.js';

describe('referral statuses', () => {
  it('allows the main path of the lifecycle step by step', () => {
    const path = [
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
    ] as const;
    let from: ReferralStatus = path[0];
    for (const to of path.slice(1)) {
      expect(canTransition(from, to)).toBe(true);
      from = to;
    }
  });

  it('refuses skipping the review gate and leaving a final status', () => {
    expect(canTransition('pending_review', 'sent')).toBe(false);
    expect(canTransition('received', 'approved')).toBe(false);
    expect(TRANSITIONS.closed).toEqual([]);
    expect(TRANSITIONS.cancelled).toEqual([]);
  });

  it('only names known statuses', () => {
    for (const targets of Object.values(TRANSITIONS)) {
      for (const t of targets) expect(REFERRAL_STATUSES).toContain(t);
    }
  });
});
