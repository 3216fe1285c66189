import type { QueueGate, Urgency } from '../../domain/index.js';

/** How long a referral may wait at a human gate before the queue calls it overdue. */
const GATE_HOURS: Readonly<Record<Urgency | 'unknown', number>> = {
  emergent: 1,
  urgent: 8,
  routine: 48,
  unknown: 48,
};
/** An open follow-up or gap-in-care task is overdue after two days. */
const TASK_HOURS = 48;

export function isGateOverdue(
  gate: QueueGate,
  urgency: Urgency | null,
  waitingSince: string,
  now: Date,
): boolean {
  // An exception blocks the referral outright: it is overdue as soon as the routine wait would be.
  const hours =
    gate === 'exception'
      ? Math.min(GATE_HOURS[urgency ?? 'unknown'], 8)
      : GATE_HOURS[urgency ?? 'unknown'];
  return now.getTime() - Date.parse(waitingSince) > hours * 3_600_000;
}

export function isTaskOverdue(createdAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(createdAt) > TASK_HOURS * 3_600_000;
}

/** "3 h", "2 d": how long something has waited, for a badge. */
export function ageOf(since: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}
