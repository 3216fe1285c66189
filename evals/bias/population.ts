import { hash32, Rng } from '../../retrieval/index.js';
import {
  type Coverage,
  distanceKm,
  type GeoPoint,
  type NetworkStatus,
  type Patient,
  type Referral,
} from '../../src/domain/index.js';
import { ageRelevance, isPediatricCase, statedAge, statedSex } from './clinical-age.js';
import type { DevReferral } from './dev-cases.js';
import type { AuditDirectory, AuditPlan } from './directories.js';
import type { Urbanicity, ZctaMap } from './urbanicity.js';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];
/** OMB race categories and Hispanic ethnicity, as US Core's race and ethnicity extensions carry them. */
export const RACES = [
  'white',
  'black-or-african-american',
  'asian',
  'american-indian-or-alaska-native',
  'native-hawaiian-or-other-pacific-islander',
] as const;
export type Race = (typeof RACES)[number];
export const ETHNICITIES = ['hispanic-or-latino', 'not-hispanic-or-latino'] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** The day the audit's referrals are made (ages are counted to it). */
export const AUDIT_DAY = '2026-06-01';
/** How far from a directory location patients live: most within a few km, a tail to 40 km. */
const MAX_OFFSET_KM = 40;
/** A plan is sold where the patient lives when one of its networks practises within this. */
const PLAN_REACH_KM = 80;

/** One referral of the audit's population: the patient as the EHR holds them, and their plan. */
export interface Subject {
  id: string;
  devCase: DevReferral;
  referral: Referral;
  patient: Patient;
  race: Race;
  ethnicity: Ethnicity;
  age: number;
  plan: AuditPlan;
  coverage: Coverage;
  network: NetworkStatus;
  urbanicity: Urbanicity;
  /** Why age is clinically relevant here (then it is not varied), or null. */
  ageRelevance: string | null;
}

const LANGUAGES: readonly (readonly [string, number])[] = [
  ['en', 0.72],
  ['es', 0.12],
  ['pt', 0.05],
  ['zh', 0.04],
  ['vi', 0.03],
  ['ht', 0.03],
  ['ru', 0.01],
];
const RACE_WEIGHTS: readonly (readonly [Race, number])[] = [
  ['white', 0.7],
  ['black-or-african-american', 0.13],
  ['asian', 0.07],
  ['american-indian-or-alaska-native', 0.05],
  ['native-hawaiian-or-other-pacific-islander', 0.05],
];

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  let x = rng.next() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of entries) {
    x -= w;
    if (x < 0) return item;
  }
  return (entries.at(-1) as readonly [T, number])[0];
}

function offset(from: GeoPoint, km: number, bearing: number): GeoPoint {
  const lat = from.lat + (km * Math.cos(bearing)) / 110.574;
  const lon = from.lon + (km * Math.sin(bearing)) / (111.32 * Math.cos((from.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}

/** A birth date `daysBefore` (1–360) days before the `age`-th birthday that falls before AUDIT_DAY. */
export function birthDateFor(age: number, daysBefore: number): string {
  const day = new Date(`${AUDIT_DAY}T00:00:00Z`);
  day.setUTCFullYear(day.getUTCFullYear() - age);
  day.setUTCDate(day.getUTCDate() - daysBefore);
  return day.toISOString().slice(0, 10);
}

function ageFor(rng: Rng, c: DevReferral): number {
  const stated = statedAge(c.reason);
  if (stated !== null) return stated;
  if (isPediatricCase(c)) return rng.between(1, 15);
  return Math.min(95, 18 + Math.round(Math.abs(rng.normal()) * 30 + rng.next() * 20));
}

/** Plans sold where the patient lives that fit their age (Medicare from 65, none for children). */
function plansFor(directory: AuditDirectory, near: GeoPoint, age: number): AuditPlan[] {
  const reaches = (plan: AuditPlan) =>
    plan.networkIds.some((n) =>
      (directory.networkPositions.get(n) ?? []).some((p) => distanceKm(near, p) <= PLAN_REACH_KM),
    );
  const local = directory.plans.filter(reaches);
  const pool = local.length > 0 ? local : directory.plans;
  const senior = (p: AuditPlan) => p.payerType !== 'commercial' && p.payerType !== 'medicaid';
  const fitting = pool.filter((p) => (age >= 65 ? true : !senior(p)));
  return fitting.length > 0 ? fitting : pool;
}

function pickPlan(rng: Rng, plans: AuditPlan[], age: number): AuditPlan {
  const senior = plans.filter((p) => p.payerType !== 'commercial' && p.payerType !== 'medicaid');
  if (age >= 65 && senior.length > 0 && rng.chance(0.8)) return rng.pick(senior);
  return rng.pick(plans);
}

/**
 * `size` referrals for one directory, the same for the same seed: dev-set cases in a shuffled
 * order (each once before any twice), patients placed near a random practice location, ages from
 * the text or plausible for the case, and a plan sold where they live.
 */
export function buildPopulation(o: {
  cases: readonly DevReferral[];
  directory: AuditDirectory;
  zcta: ZctaMap;
  seed: number;
  size: number;
}): Subject[] {
  const rng = new Rng(hash32(o.seed, o.directory.name === 'plan-net' ? 1 : 2));
  /** A practice location with a US ZIP near it (a feed may place one off the map). */
  const pickHome = () => {
    for (let tries = 0; tries < 1000; tries++) {
      const home = rng.pick(o.directory.locations);
      if (o.zcta.nearestZip(home.position) !== null) return home;
    }
    throw new Error(`${o.directory.name}: no practice location near a US ZIP`);
  };
  const order = o.cases.map((c) => ({ c, key: rng.next() })).sort((a, b) => a.key - b.key);
  const subjects: Subject[] = [];
  for (let i = 0; i < o.size; i++) {
    const c = (order[i % order.length] as { c: DevReferral }).c;
    const home = pickHome();
    const km = Math.min(MAX_OFFSET_KM, rng.logNormal(4, 1));
    const location = offset(home.position, km, rng.next() * 2 * Math.PI);
    const age = ageFor(rng, c);
    const plan = pickPlan(rng, plansFor(o.directory, location, age), age);
    const id = `${o.directory.name}-${String(i).padStart(3, '0')}-${c.id}`;
    const payerId = (plan.ownerName ?? plan.name).toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const patient: Patient = {
      id: `pt-${id}`,
      givenName: 'Alex',
      familyName: `Audit${i}`,
      birthDate: birthDateFor(age, rng.between(1, 360)),
      sex:
        statedSex(c.reason) ?? (rng.chance(0.02) ? 'other' : rng.chance(0.52) ? 'female' : 'male'),
      address: {
        line: `${1 + rng.int(400)} Main St`,
        city: home.city,
        state: home.state,
        postalCode: o.zcta.nearestZip(location) ?? o.zcta.nearestZip(home.position) ?? '00000',
      },
      location,
      language: weighted(rng, LANGUAGES),
      preferredChannel: 'phone',
    };
    subjects.push({
      id,
      devCase: c,
      referral: {
        id: `ref-${id}`,
        practiceId: 'bias-audit',
        patientId: patient.id,
        referringProviderId: 'prov-audit',
        reason: c.reason,
        diagnosisCodes: c.diagnosisCodes,
        ...(c.requested ? { specialty: c.requested } : {}),
        urgency: c.urgent ? 'urgent' : 'routine',
        createdAt: `${AUDIT_DAY}T09:00:00Z`,
      },
      patient,
      race: weighted(rng, RACE_WEIGHTS),
      ethnicity: rng.chance(0.17) ? 'hispanic-or-latino' : 'not-hispanic-or-latino',
      age,
      plan,
      coverage: {
        payerId,
        payerName: plan.ownerName ?? plan.name,
        planId: plan.id,
        planName: plan.name,
        memberId: `M${hash32(o.seed, i)}`,
        isPrimary: true,
      },
      network: { payerId, planId: plan.id, coverageActive: true, networkIds: [...plan.networkIds] },
      urbanicity: o.zcta.urbanicity(location),
      ageRelevance: ageRelevance(c, age),
    });
  }
  return subjects;
}
