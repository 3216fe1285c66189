import {
  addWait,
  type Deadline,
  earliestDeadline,
  type LoopProgress,
  type LoopStage,
  type ReferralStatus,
  type TimerKind,
  type TimerPolicy,
  type WaitDuration,
} from '../../src/domain/index.js';

const after = (from: string | null, wait: WaitDuration, kind: TimerKind): Deadline | null =>
  from ? { kind, dueAt: addWait(new Date(from), wait).toISOString() } : null;

/** The stage's own deadline, measured from what the loop recorded (never from "now"). */
function stageDeadline(
  stage: LoopStage,
  status: ReferralStatus,
  loop: LoopProgress,
  policy: TimerPolicy,
): Deadline | null {
  switch (stage) {
    case 'await-delivery':
      return null;
    case 'await-response': {
      if (loop.followUps >= policy.followUpsBeforeTask) return null;
      if (status === 'sent') {
        return after(loop.lastFollowUpAt ?? loop.sentAt, policy.acknowledgement, 'acknowledgement');
      }
      const since = loop.lastFollowUpAt ?? loop.acknowledgedAt ?? loop.sentAt;
      return after(since, policy.scheduling, 'scheduling');
    }
    case 'await-visit':
      return after(loop.appointmentAt, policy.visitGrace, 'visit');
    case 'await-consult':
      return loop.gapRaised
        ? null
        : after(loop.seenAt ?? loop.appointmentAt, policy.consult, 'consult');
  }
}

/** The deadline a wait records: its own, or the loop's expiry when that comes first. */
export function loopDeadline(
  stage: LoopStage,
  status: ReferralStatus,
  loop: LoopProgress,
  policy: TimerPolicy,
): Deadline | null {
  const expiry = stage === 'await-delivery' ? null : after(loop.sentAt, policy.expiry, 'expiry');
  return earliestDeadline([stageDeadline(stage, status, loop, policy), expiry]);
}
