import type { AuditDraft, AuditEvent, AuditLog } from '../../src/domain/index.js';

/** An audit log that only remembers; for unit tests that assert what was recorded. */
export function createMemoryAudit(): AuditLog & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return {
    events,
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
    async verify() {
      return { ok: true, checked: events.length, firstBadSeq: null };
    },
  };
}
