import type { AuditCheckpoint, AuditDraft, AuditEvent, AuditLog } from '../../src/domain/index.js';

/** An audit log that only remembers; for unit tests that assert what was recorded (and anchored). */
export function createMemoryAudit(): AuditLog & {
  events: AuditEvent[];
  checkpoints: AuditCheckpoint[];
} {
  const events: AuditEvent[] = [];
  const checkpoints: AuditCheckpoint[] = [];
  const anchored = () => checkpoints.at(-1)?.seq ?? 0;
  return {
    events,
    checkpoints,
    async append(draft: AuditDraft) {
      const event = {
        ...draft,
        seq: events.length + 1,
        at: new Date().toISOString(),
        prevHash: '',
        hash: '',
      };
      events.push(event);
      return event;
    },
    async list(practiceId, referralId) {
      return events.filter((e) => e.practiceId === practiceId && e.referralId === referralId);
    },
    async anchor() {
      if (events.length === anchored()) return null;
      const checkpoint = {
        seq: events.length,
        hash: '',
        at: new Date().toISOString(),
        prevMac: checkpoints.at(-1)?.mac ?? '',
        mac: `mac-${events.length}`,
      };
      checkpoints.push(checkpoint);
      return checkpoint;
    },
    async verify() {
      return {
        ok: true,
        checked: events.length,
        firstBadSeq: null,
        anchored: anchored(),
        unanchored: events.length - anchored(),
        problem: null,
      };
    },
  };
}
