import { createRng, type Rng } from '../rng.js';
import type { OfficeProfile, PlannedStep } from './model.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const PROFILE_WEIGHTS: Readonly<Record<OfficeProfile, number>> = {
  prompt: 40,
  slow: 25,
  declines: 15,
  no_shows: 10,
  silent: 10,
};

export const DECLINE_REASONS = [
  'Not accepting new patients at this time',
  "Patient's insurance is not accepted by this practice",
  'Condition is outside the scope of this practice',
  'No provider available in the requested timeframe',
] as const;

/** FNV-1a, 32 bits: a stable hash, so the same office and referral always get the same plan. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * How an office handles one referral unless its profile is overridden: stable for the office and
 * the referral, so one office answers some referrals promptly and loses or declines others.
 */
export function profileFor(npi: string, referralId: string): OfficeProfile {
  return createRng(hash32(`office:${npi}:${referralId}`)).weighted(PROFILE_WEIGHTS);
}

const isWeekend = (t: number) => [0, 6].includes(new Date(t).getUTCDay());

function addBusinessDays(t: number, days: number): number {
  let at = t;
  for (let left = days; left > 0; ) {
    at += DAY;
    if (!isWeekend(at)) left -= 1;
  }
  return at;
}

function atTime(t: number, hour: number, minute: number): number {
  const d = new Date(t);
  d.setUTCHours(hour, minute, 0, 0);
  return d.getTime();
}

/** An appointment slot on that day, in office hours (13:00-20:45 UTC, on the quarter hour). */
const slot = (rng: Rng, day: number) => atTime(day, rng.int(13, 20), rng.pick([0, 15, 30, 45]));

type Draft = Omit<PlannedStep, 'dueAt' | 'appointmentAt' | 'visitAt'> & {
  due: number;
  appointment?: number;
  visit?: number;
};

function draftSteps(profile: OfficeProfile, rng: Rng, t0: number): Draft[] {
  switch (profile) {
    case 'silent':
      return [];
    case 'declines':
      return [
        { kind: 'decline', due: t0 + rng.int(60, 360) * MINUTE, reason: rng.pick(DECLINE_REASONS) },
      ];
    case 'prompt': {
      const appointment = slot(rng, addBusinessDays(t0, rng.int(2, 6)));
      const visit = appointment + rng.int(5, 20) * MINUTE;
      return [
        { kind: 'acknowledge', due: t0 + rng.int(2, 20) * MINUTE },
        { kind: 'book', due: t0 + rng.int(60, 480) * MINUTE, appointment },
        { kind: 'visit', due: visit, visit },
        { kind: 'consult_note', due: atTime(visit + DAY, rng.int(14, 21), rng.int(0, 59)), visit },
      ];
    }
    case 'no_shows': {
      const appointment = slot(rng, addBusinessDays(t0, rng.int(3, 8)));
      return [
        { kind: 'acknowledge', due: t0 + rng.int(5, 60) * MINUTE },
        { kind: 'book', due: t0 + rng.int(120, 1200) * MINUTE, appointment },
        { kind: 'no_show', due: appointment + rng.int(60, 180) * MINUTE, appointment },
      ];
    }
    case 'slow': {
      const acknowledged = addBusinessDays(t0, 3) + rng.int(0, 6) * HOUR;
      const booked = addBusinessDays(acknowledged, rng.int(2, 4));
      const first = slot(rng, addBusinessDays(booked, rng.int(10, 20)));
      const moved = first + 7 * DAY;
      const visit = moved + rng.int(5, 30) * MINUTE;
      const noteDay = addBusinessDays(visit, rng.int(3, 7));
      return [
        { kind: 'acknowledge', due: acknowledged },
        { kind: 'book', due: booked, appointment: first },
        { kind: 'reschedule', due: addBusinessDays(booked, rng.int(2, 5)), appointment: moved },
        { kind: 'visit', due: visit, visit },
        { kind: 'consult_note', due: atTime(noteDay, rng.int(14, 21), rng.int(0, 59)), visit },
      ];
    }
  }
}

/**
 * What an office of `profile` sends for one referral received at `receivedAt`: times are planned
 * on an office calendar (business days, office hours, UTC), then compressed by `timeScale` towards
 * `receivedAt`, so every reported time is also when its message is due.
 */
export function planSteps(
  profile: OfficeProfile,
  receivedAt: Date,
  seedKey: string,
  timeScale: number,
): PlannedStep[] {
  const t0 = receivedAt.getTime();
  const scaled = (t: number) => new Date(t0 + Math.round((t - t0) / timeScale));
  return draftSteps(profile, createRng(hash32(seedKey)), t0).map(
    ({ due, appointment, visit, ...step }) => ({
      ...step,
      dueAt: scaled(due),
      ...(appointment === undefined ? {} : { appointmentAt: scaled(appointment) }),
      ...(visit === undefined ? {} : { visitAt: scaled(visit) }),
    }),
  );
}
