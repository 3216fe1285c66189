import { describe, expect, it } from 'vitest';
import type {
  ReconcileView,
  ReferralChange,
  ReferralEventType,
  ReferralStatus,
} from '../src/domain/index.js';
import { missedEvents } from './missed-events.js';

const PRACTICE = 'practice-demo';
const SENT_AT = '2030-01-07T15:00:00.000Z';
const BEFORE = '2030-01-07T14:00:00.000Z';
const AFTER = '2030-01-07T16:00:00.000Z';
const LATER = '2030-01-07T17:00:00.000Z';

const change = (over: Partial<ReferralChange> = {}): ReferralChange => ({
  referralId: 'ref-000001',
  practiceId: PRACTICE,
  createdAt: '2030-01-07T10:00:00.000Z',
  updatedAt: '2030-01-07T18:00:00.000Z',
  status: 'created',
  lastWriteBack: null,
  cancelledAt: null,
  responses: [],
  ...over,
});

const unseen: ReconcileView = { tracked: null, pending: [] };
const tracked = (
  status: ReferralStatus,
  sentAt: string | null = null,
  pending: ReferralEventType[] = [],
): ReconcileView => ({ tracked: { status, sentAt }, pending });

/** The verdict's kind and, per event, its id and type (or the reason nothing is needed). */
function judge(c: ReferralChange, view: ReconcileView) {
  const verdict = missedEvents(PRACTICE, c, view);
  return verdict.kind === 'none'
    ? verdict.reason
    : [verdict.kind, ...verdict.events.map((e) => `${e.event.type} ${e.webhookId}`)];
}

describe('missedEvents', () => {
  it('starts a referral we never saw, keyed by its id, dated when the EHR created it', () => {
    const verdict = missedEvents(PRACTICE, change(), unseen);
    expect(verdict).toEqual({
      kind: 'start',
      events: [
        {
          webhookId: 'reconcile|practice-demo|ref-000001|created',
          event: {
            type: 'referral.created',
            timestamp: '2030-01-07T10:00:00.000Z',
            data: { referral_id: 'ref-000001', practice_id: PRACTICE },
          },
        },
      ],
    });
  });

  it.each([
    [
      'its webhook waits in the inbox',
      change(),
      { tracked: null, pending: ['referral.created'] },
      'arriving',
    ],
    [
      'cancelled before we saw it',
      change({ status: 'cancelled', cancelledAt: AFTER }),
      unseen,
      'cancelled_unseen',
    ],
    [
      'it carries write-backs (not ours to start)',
      change({ status: 'sent', lastWriteBack: 'sent' }),
      unseen,
      'not_new',
    ],
    ['another practice', change({ practiceId: 'practice-other' }), unseen, 'other_practice'],
  ] as const)('starts nothing when %s', (_, c, view, reason) => {
    expect(judge(c, view as ReconcileView)).toBe(reason);
  });

  it('cancels an open referral the EHR cancelled, with the reason as the note', () => {
    const c = change({
      status: 'cancelled',
      lastWriteBack: 'pending_review',
      cancelledAt: AFTER,
      cancellationNote: 'Patient moved',
    });
    const verdict = missedEvents(PRACTICE, c, tracked('pending_review'));
    expect(verdict).toEqual({
      kind: 'apply',
      events: [
        {
          webhookId: 'reconcile|practice-demo|ref-000001|cancelled',
          event: {
            type: 'referral.cancelled',
            timestamp: AFTER,
            data: { referral_id: 'ref-000001', practice_id: PRACTICE, note: 'Patient moved' },
          },
        },
      ],
    });
  });

  it.each([
    ['cancelled', 'in_step'],
    ['closed', 'in_step'],
    ['expired', 'in_step'],
  ] as const)('does not cancel a referral already %s', (status, reason) => {
    const c = change({ status: 'cancelled', lastWriteBack: 'sent', cancelledAt: AFTER });
    expect(judge(c, tracked(status))).toBe(reason);
  });

  it('takes a cancelled status that is not our write-back as a cancellation, but not our own echo', () => {
    const staff = change({ status: 'cancelled', lastWriteBack: 'approved' });
    expect(judge(staff, tracked('approved'))).toEqual([
      'apply',
      'referral.cancelled reconcile|practice-demo|ref-000001|cancelled',
    ]);
    const ours = change({ status: 'cancelled', lastWriteBack: 'cancelled' });
    expect(judge(ours, tracked('pending_review'))).toBe('in_step');
    const arriving = change({ status: 'cancelled', cancelledAt: AFTER });
    expect(judge(arriving, tracked('sent', SENT_AT, ['referral.cancelled']))).toBe('arriving');
  });

  it.each([
    'search_initiated',
    'pending_review',
    'sent',
    'acknowledged',
    'scheduled',
    'closed',
  ] as const)('ignores our own write-back echoed (%s)', (status) => {
    const c = change({ status, lastWriteBack: status });
    expect(judge(c, tracked(status, SENT_AT))).toBe('in_step');
  });

  it('applies the office answers after our latest send, in order, as far as our status lags', () => {
    const c = change({
      status: 'sent',
      lastWriteBack: 'sent',
      responses: [
        { type: 'scheduled', at: LATER, appointmentAt: '2030-01-15T14:00:00Z', note: 'Tue' },
        { type: 'acknowledged', at: AFTER },
      ],
    });
    expect(judge(c, tracked('sent', SENT_AT))).toEqual([
      'apply',
      `referral.acknowledged reconcile|practice-demo|ref-000001|${AFTER}|acknowledged`,
      `referral.scheduled reconcile|practice-demo|ref-000001|${LATER}|scheduled`,
    ]);
    expect(judge(c, tracked('acknowledged', SENT_AT))).toEqual([
      'apply',
      `referral.scheduled reconcile|practice-demo|ref-000001|${LATER}|scheduled`,
    ]);
    const verdict = missedEvents(PRACTICE, c, tracked('acknowledged', SENT_AT));
    expect(verdict.kind === 'apply' && verdict.events[0]?.event.data).toEqual({
      referral_id: 'ref-000001',
      practice_id: PRACTICE,
      note: 'Tue',
      appointment_at: '2030-01-15T14:00:00Z',
    });
    for (const status of ['scheduled', 'seen', 'consult_received'] as const) {
      expect(judge(c, tracked(status, SENT_AT))).toBe('in_step');
    }
  });

  it('ignores answers from before our latest send (another specialist, before a re-match)', () => {
    const c = change({
      status: 'sent',
      lastWriteBack: 'sent',
      responses: [{ type: 'declined', at: BEFORE }],
    });
    expect(judge(c, tracked('sent', SENT_AT))).toBe('in_step');
    expect(judge(c, tracked('pending_review', null))).toBe('in_step');
  });

  it('declines what the office declined; an answer whose webhook waits in the inbox is left to it', () => {
    const declined = change({
      responses: [{ type: 'declined', at: AFTER }],
      lastWriteBack: 'sent',
    });
    expect(judge(declined, tracked('scheduled', SENT_AT))).toEqual([
      'apply',
      `referral.declined reconcile|practice-demo|ref-000001|${AFTER}|declined`,
    ]);
    const both = change({
      lastWriteBack: 'sent',
      responses: [
        { type: 'acknowledged', at: AFTER },
        { type: 'scheduled', at: LATER },
      ],
    });
    expect(judge(both, tracked('sent', SENT_AT, ['referral.acknowledged']))).toEqual([
      'apply',
      `referral.scheduled reconcile|practice-demo|ref-000001|${LATER}|scheduled`,
    ]);
  });

  it('reads an answer shown only as the EHR status (not our write-back) as of its update', () => {
    const c = change({ status: 'acknowledged', lastWriteBack: 'sent', updatedAt: AFTER });
    expect(judge(c, tracked('sent', SENT_AT))).toEqual([
      'apply',
      `referral.acknowledged reconcile|practice-demo|ref-000001|${AFTER}|acknowledged`,
    ]);
  });
});
