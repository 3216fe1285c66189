import type { Metric, SpecialistOutcome } from '../src/domain/index.js';
import { smoothed } from './smoothing.js';

const MAX_WAIT_DAYS = 90;
/** How many of our own referrals weigh as much as the prior they are pulled toward. */
const OWN_WEIGHT = 10;
const LOOP_CLOSURE_PRIOR = 0.7;
const NEUTRAL_WAIT = 0.5;

export interface ScoredFactor {
  value: number;
  source: string;
}

const metricSource = (x: Metric | null) => (x ? `${x.source} ${x.asOf}` : 'unknown: neutral');
const waitValue = (days: number) => 1 - Math.min(days, MAX_WAIT_DAYS) / MAX_WAIT_DAYS;

/** Pulls our own observed rate toward what was known before it (the directory's, or the prior). */
function pulled(base: number, own: number, count: number): number {
  return (count * own + OWN_WEIGHT * base) / (count + OWN_WEIGHT);
}

/**
 * Loop closure: the directory's rate (smoothed, the prior when unknown), then moved toward what
 * this practice's own referrals show, in proportion to how many there are.
 */
export function loopClosureFactor(
  directory: Metric | null,
  own: SpecialistOutcome | undefined,
): ScoredFactor {
  const base = smoothed(directory, { prior: LOOP_CLOSURE_PRIOR, weight: 10 });
  const baseSource = `${metricSource(directory)}${base.isSmoothed ? ', smoothed' : ''}`;
  const closure = own?.loopClosure;
  if (!closure || closure.of === 0) return { value: base.value, source: baseSource };
  return {
    value: pulled(base.value, closure.count / closure.of, closure.of),
    source: `our referrals: ${closure.count} of ${closure.of} closed, smoothed`,
  };
}

/** Wait time: the directory's next availability, moved toward our own median time to appointment. */
export function waitFactor(
  directory: Metric | null,
  own: SpecialistOutcome | undefined,
): ScoredFactor {
  const base = directory ? waitValue(directory.value) : NEUTRAL_WAIT;
  const seen = own?.timeToAppointment;
  if (!seen || seen.medianDays === null || seen.count === 0) {
    return { value: base, source: metricSource(directory) };
  }
  return {
    value: pulled(base, waitValue(seen.medianDays), seen.count),
    source: `our referrals: median ${days(seen.medianDays)} to appointment (${seen.count}), smoothed`,
  };
}

/** "20 h", or "12 min" under an hour. */
const hours = (h: number) => (h < 1 ? `${Math.round(h * 60)} min` : `${Math.round(h * 10) / 10} h`);
/** "7 days", or "5 h" under a day. */
const days = (d: number) => (d < 1 ? hours(d * 24) : `${Math.round(d * 10) / 10} days`);

const share = (r: { count: number; of: number }, what: string) =>
  r.of > 0 ? `${r.count} of ${r.of} ${what}` : null;

/** The reasons our own record adds to a candidate's; none for a specialist never sent one. */
export function outcomeReasons(own: SpecialistOutcome | undefined): string[] {
  if (!own || own.sent === 0) return [];
  const facts = [
    own.timeToAcknowledge.medianHours === null
      ? null
      : `answers in a median ${hours(own.timeToAcknowledge.medianHours)}`,
    own.timeToAppointment.medianDays === null
      ? null
      : `books within a median ${days(own.timeToAppointment.medianDays)}`,
    share(own.declines, 'declined'),
    share(own.noShows, 'no-shows'),
  ].filter((f) => f !== null);
  const record = `This practice has sent ${own.sent} referral${own.sent === 1 ? '' : 's'} here${facts.length ? `: ${facts.join(', ')}` : ''}`;
  return [record];
}

/** "Closes the loop on 9 of 11 referrals from this practice", once one of them has ended. */
export function closureSentence(own: SpecialistOutcome | undefined): string | null {
  const closure = own?.loopClosure;
  if (!closure || closure.of === 0) return null;
  return `Closes the loop on ${closure.count} of ${closure.of} referrals from this practice`;
}
