/**
 * A year of referral facts for the analytics benchmark, the same on every run: six specialties,
 * five payers, three urgencies, and milestones that stop where real referrals stop (exceptions,
 * rejections, declines, no-shows, notes that never come, the year's end), with each sent
 * referral's record at its specialist.
 */

import type { Insertable } from 'kysely';
import { outcomeDurations } from '../src/adapters/store/index.js';
import type { ReferralFactsTable, ReferralOutcomesTable } from '../src/adapters/store/schema.js';
import { npiCheckDigit } from '../src/domain/index.js';
import { PAYERS, picker, seeded, type Weighted } from './seeded.js';

type FactRow = Required<Insertable<ReferralFactsTable>>;
type OutcomeRow = Required<Insertable<ReferralOutcomesTable>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DATASET_START = Date.parse('2025-01-01T00:00:00.000Z');
/** Referrals are created over the year; what would happen after its end has not happened yet. */
export const DATASET_END = DATASET_START + 365 * DAY;

const SPECIALTIES: Weighted<[string, string]> = [
  [['retina', 'Retina'], 30],
  [['glaucoma', 'Glaucoma'], 25],
  [['cornea', 'Cornea and external disease'], 15],
  [['oculoplastics', 'Oculoplastics'], 12],
  [['pediatric_ophthalmology', 'Pediatric ophthalmology'], 10],
  [['neuro_ophthalmology', 'Neuro-ophthalmology'], 8],
];
const URGENCIES: Weighted<string> = [
  ['routine', 75],
  ['urgent', 20],
  ['emergent', 5],
];
const EXCEPTION_REASONS: Weighted<string> = [
  ['no_valid_candidate', 50],
  ['payer_unavailable', 20],
  ['ehr_unavailable', 15],
  ['low_confidence', 15],
];
const SPECIALISTS_PER_SPECIALTY = 8;

function npiOf(n: number): string {
  const base = `1${String(100_000_000 + n * 7_919).slice(1, 9)}`;
  return `${base}${npiCheckDigit(base)}`;
}

const SPECIALISTS = new Map(
  SPECIALTIES.map(([[key]], s) => [
    key,
    Array.from({ length: SPECIALISTS_PER_SPECIALTY }, (_, k) =>
      npiOf(s * SPECIALISTS_PER_SPECIALTY + k + 1),
    ),
  ]),
);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const earliest = (...times: Array<number | null>) => {
  const known = times.filter((t): t is number => t !== null);
  return known.length === 0 ? null : Math.min(...known);
};

/** `count` referrals of one practice, and the records of the sent ones, from `seed`. */
export function generateReferrals(practiceId: string, count: number, seed: number) {
  const random = seeded(seed);
  const chance = (p: number) => random() < p;
  const pick = picker(random);
  /** A time `min`–`max` hours after `from`, skewed short; null past the data set's end. */
  const after = (from: number | null, min: number, max: number) => {
    if (from === null) return null;
    const at = from + (min + (max - min) * random() ** 2) * HOUR;
    return at <= DATASET_END ? Math.round(at) : null;
  };

  const facts: FactRow[] = [];
  const outcomes: OutcomeRow[] = [];
  for (let i = 0; i < count; i++) {
    const [specialty, specialtyLabel] = pick(SPECIALTIES);
    const [payerId, payerName] = pick(PAYERS);
    const attempts = Math.floor(random() * 4);
    const fact: FactRow = {
      practice_id: practiceId,
      referral_id: `ref-${String(i + 1).padStart(6, '0')}`,
      created_ms: DATASET_START + Math.floor(random() * (DATASET_END - DATASET_START)),
      specialty,
      specialty_label: specialtyLabel,
      urgency: pick(URGENCIES),
      payer_id: payerId,
      payer_name: payerName,
      specialist_npi: null,
      in_network: null,
      no_in_network_option: 0,
      exception_reason: null,
      llm_attempts: attempts,
      llm_fallbacks: Array.from({ length: attempts }).filter(() => chance(0.12)).length,
      reviewed_ms: null,
      sent_ms: null,
      scheduled_ms: null,
      seen_ms: null,
      consult_ms: null,
      closed_ms: null,
    };
    facts.push(fact);

    if (chance(0.08)) {
      fact.exception_reason = pick(EXCEPTION_REASONS);
      if (fact.exception_reason === 'no_valid_candidate' && chance(0.8))
        fact.no_in_network_option = 1;
      if (!chance(0.4)) continue;
    }
    const autonomous = fact.exception_reason === null && chance(0.15);
    if (!autonomous) {
      fact.reviewed_ms = after(fact.created_ms, 0.2, 72);
      if (fact.reviewed_ms === null) continue;
      if (chance(0.05)) {
        fact.closed_ms = after(fact.reviewed_ms, 0, 1);
        continue;
      }
    }
    fact.sent_ms = after(fact.reviewed_ms ?? fact.created_ms, 0.05, 8);
    if (fact.sent_ms === null) continue;
    const npis = SPECIALISTS.get(specialty) ?? [];
    const npi = npis[Math.floor(random() * npis.length)] as string;
    fact.specialist_npi = npi;
    fact.in_network = chance(0.92) ? 1 : 0;
    const outcome: OutcomeRow = {
      practice_id: practiceId,
      referral_id: fact.referral_id,
      npi,
      sent_at: iso(fact.sent_ms) as string,
      responded_at: null,
      appointment_at: null,
      seen_at: null,
      consult_at: null,
      declined_at: null,
      expired_at: null,
      cancelled_at: null,
      no_shows: 0,
      ms_to_answer: null,
      ms_to_appointment: null,
    };
    outcomes.push(outcome);

    if (chance(0.01)) {
      outcome.cancelled_at = iso(after(fact.sent_ms, 1, 100));
      continue;
    }
    if (chance(0.07)) {
      outcome.declined_at = iso(after(fact.sent_ms, 2, 120));
      outcome.responded_at = outcome.declined_at;
      continue;
    }
    const acknowledged = chance(0.6) ? after(fact.sent_ms, 0.5, 96) : null;
    if (chance(0.82)) {
      fact.scheduled_ms = after(fact.sent_ms, 1, 240);
      const appointment = after(fact.scheduled_ms, 48, 60 * 24);
      outcome.appointment_at = iso(fact.scheduled_ms === null ? null : appointment);
      if (appointment !== null && chance(0.07)) outcome.no_shows = 1;
      else if (chance(0.9)) fact.seen_ms = appointment;
      if (fact.seen_ms !== null && chance(0.82)) fact.consult_ms = after(fact.seen_ms, 2, 300);
    } else if (chance(0.15)) {
      fact.consult_ms = after(fact.sent_ms, 24, 720);
    }
    if (fact.consult_ms !== null && chance(0.95)) fact.closed_ms = after(fact.consult_ms, 0.1, 48);
    outcome.seen_at = iso(fact.seen_ms);
    outcome.consult_at = iso(fact.consult_ms);
    outcome.responded_at = iso(
      earliest(acknowledged, fact.scheduled_ms, fact.seen_ms, fact.consult_ms),
    );
    if (fact.consult_ms === null && fact.sent_ms + 90 * DAY <= DATASET_END)
      outcome.expired_at = iso(fact.sent_ms + 90 * DAY);
  }
  for (const o of outcomes) Object.assign(o, outcomeDurations(o));
  return { facts, outcomes };
}
