import { describe, expect, it } from 'vitest';
import { OFFICE_PROFILES, type OfficeProfile } from './model.js';
import { DECLINE_REASONS, planSteps, profileFor } from './plan.js';

const receivedAt = new Date('2030-01-07T15:00:00.000Z'); // a Monday
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const kinds = (profile: OfficeProfile, key = '1234567893:ref-000001') =>
  planSteps(profile, receivedAt, key, 1).map((s) => s.kind);

const isWeekday = (d: Date) => ![0, 6].includes(d.getUTCDay());

describe('profileFor', () => {
  it('is a stable function of the office and the referral, spread over every profile', () => {
    expect(profileFor('1234567893', 'ref-000001')).toBe(profileFor('1234567893', 'ref-000001'));
    const byOffice = new Map<OfficeProfile, number>();
    const oneOffice = new Set<OfficeProfile>();
    for (let n = 0; n < 2000; n++) {
      const profile = profileFor(String(1_000_000_000 + n * 7919), 'ref-000001');
      byOffice.set(profile, (byOffice.get(profile) ?? 0) + 1);
      oneOffice.add(profileFor('1234567893', `ref-${String(n).padStart(6, '0')}`));
    }
    expect([...byOffice.keys()].sort()).toEqual([...OFFICE_PROFILES].sort());
    expect(byOffice.get('prompt')).toBeGreaterThan(byOffice.get('silent') ?? 0);
    expect([...oneOffice].sort()).toEqual([...OFFICE_PROFILES].sort());
  });
});

describe('planSteps', () => {
  it('plans each profile as its sequence of messages', () => {
    expect(kinds('prompt')).toEqual(['acknowledge', 'book', 'visit', 'consult_note']);
    expect(kinds('slow')).toEqual(['acknowledge', 'book', 'reschedule', 'visit', 'consult_note']);
    expect(kinds('no_shows')).toEqual(['acknowledge', 'book', 'no_show']);
    expect(kinds('declines')).toEqual(['decline']);
    expect(kinds('silent')).toEqual([]);
  });

  it.each(OFFICE_PROFILES)(
    '%s: due times increase and appointments fall on weekdays',
    (profile) => {
      for (let n = 1; n <= 50; n++) {
        const steps = planSteps(profile, receivedAt, `9876543213:ref-${n}`, 1);
        const due = steps.map((s) => s.dueAt.getTime());
        expect(due).toEqual([...due].sort((a, b) => a - b));
        expect(new Set(due).size).toBe(due.length);
        expect(due.every((t) => t > receivedAt.getTime())).toBe(true);
        for (const step of steps) {
          if (step.appointmentAt) expect(isWeekday(step.appointmentAt)).toBe(true);
        }
      }
    },
  );

  it('prompt: acknowledges within minutes, books within a day, sees on the day, notes the day after', () => {
    const [ack, book, visit, note] = planSteps('prompt', receivedAt, 'k', 1);
    const offset = (d?: Date) => (d?.getTime() ?? Number.NaN) - receivedAt.getTime();
    expect(offset(ack?.dueAt)).toBeLessThanOrEqual(20 * MINUTE);
    expect(offset(book?.dueAt)).toBeLessThan(DAY);
    const appointment = book?.appointmentAt;
    expect(appointment && visit?.visitAt).toBeTruthy();
    expect(visit?.visitAt?.toISOString().slice(0, 10)).toBe(
      appointment?.toISOString().slice(0, 10),
    );
    expect(visit?.dueAt).toEqual(visit?.visitAt);
    const nextDay = new Date((visit?.visitAt?.getTime() ?? 0) + DAY).toISOString().slice(0, 10);
    expect(note?.dueAt.toISOString().slice(0, 10)).toBe(nextDay);
    expect(note?.visitAt).toEqual(visit?.visitAt);
  });

  it('slow: acknowledges after three business days and moves the appointment a week', () => {
    const [ack, book, moved, visit] = planSteps('slow', receivedAt, 'k', 1);
    // Monday + 3 business days = Thursday.
    expect(ack?.dueAt.toISOString().slice(0, 10)).toBe('2030-01-10');
    const first = book?.appointmentAt?.getTime() ?? 0;
    expect(moved?.appointmentAt?.getTime()).toBe(first + 7 * DAY);
    expect(moved?.dueAt.getTime()).toBeLessThan(first);
    expect(visit?.visitAt?.toISOString().slice(0, 10)).toBe(
      moved?.appointmentAt?.toISOString().slice(0, 10),
    );
  });

  it('declines with one of its reasons; no_shows reports the booked appointment missed', () => {
    const [decline] = planSteps('declines', receivedAt, 'k', 1);
    expect(DECLINE_REASONS).toContain(decline?.reason);
    const [, book, noShow] = planSteps('no_shows', receivedAt, 'k', 1);
    expect(noShow?.appointmentAt).toEqual(book?.appointmentAt);
    expect(noShow?.dueAt.getTime()).toBeGreaterThan(book?.appointmentAt?.getTime() ?? Infinity);
  });

  it('is deterministic per key and compresses every offset by timeScale', () => {
    expect(planSteps('slow', receivedAt, 'k', 1)).toEqual(planSteps('slow', receivedAt, 'k', 1));
    const real = planSteps('slow', receivedAt, 'k', 1);
    const fast = planSteps('slow', receivedAt, 'k', 1440);
    fast.forEach((step, i) => {
      const full = real[i];
      const scaled = (d?: Date) =>
        d && receivedAt.getTime() + Math.round((d.getTime() - receivedAt.getTime()) / 1440);
      expect(step.dueAt.getTime()).toBe(scaled(full?.dueAt));
      expect(step.appointmentAt?.getTime()).toBe(scaled(full?.appointmentAt));
    });
    // Weeks of office time pass within an hour.
    expect((fast.at(-1)?.dueAt.getTime() ?? 0) - receivedAt.getTime()).toBeLessThan(60 * MINUTE);
  });
});
