import type { AuditEvent } from '../../domain/index.js';

/** The audit actions that tell a referral's story (the audit page shows every one). */
const STORY: Partial<Record<AuditEvent['action'], string>> = {
  'referral.transition': 'Status',
  'review.decided': 'Decision',
  'writeback.queued': 'Write-back queued',
  'writeback.delivered': 'Written back to the EHR',
  'message.queued': 'Message queued',
  'message.delivered': 'Message delivered',
  'message.withdrawn': 'Message withdrawn',
  'outbox.failed': 'Delivery failed',
  'event.recorded': 'Event',
  'hl7.received': 'HL7 v2 message',
  'task.created': 'Task',
  'task.completed': 'Task completed',
  'document.stored': 'Document stored',
  'document.filed': 'Document filed in the EHR',
  'thread.ended': 'Ended',
} as Partial<Record<string, string>>;

const SHOWN_KEYS = ['kind', 'taskKind', 'type', 'decision', 'messageType', 'reason', 'status'];

function summaryOf(e: AuditEvent): string {
  if (e.action === 'referral.transition') {
    const from = e.data.from ?? 'new';
    return `${String(from).replaceAll('_', ' ')} → ${String(e.data.to).replaceAll('_', ' ')}`;
  }
  return SHOWN_KEYS.filter((k) => e.data[k] !== undefined && e.data[k] !== null)
    .map((k) => `${k}: ${String(e.data[k])}`)
    .join(' · ');
}

export const formatTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Every transition, write-back, message, inbound event and task, oldest first. */
export function Timeline(props: { audit: AuditEvent[] }) {
  const story = props.audit.filter((e) => STORY[e.action] !== undefined);
  if (story.length === 0) return <p class="muted">Nothing has happened yet.</p>;
  return (
    <ol class="timeline">
      {story.map((e) => (
        <li>
          <time datetime={e.at}>{formatTime(e.at)}</time> · <strong>{STORY[e.action]}</strong>{' '}
          {summaryOf(e)} <span class="muted">({e.actor})</span>
        </li>
      ))}
    </ol>
  );
}
