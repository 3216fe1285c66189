/**
 * Referral cases for one directory, the same for the same seed: a reason and codes from the
 * specialty dev set (whose `expected` tiers are the clinically right specialists), a patient near
 * one of the directory's own practice locations (or far from all of them), a plan, a radius.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  hash32,
  isSpecialtyKey,
  Rng,
  SPECIALTIES,
  type SpecialtyKey,
} from '../../retrieval/index.js';
import type {
  DirectoryProfile,
  GeoPoint,
  InsurancePlanRecord,
  Urgency,
} from '../../src/domain/index.js';
import { haversineKm, KM_PER_MILE, type TruthQuery } from './truth.js';

const DEV_SET_URL = new URL('../datasets/specialty-dev.jsonl', import.meta.url);

/** The slice of a specialty dev-set line the matching cases use (the specialty suite validates the rest). */
const DevLine = z.object({
  id: z.string().min(1),
  reason: z.string().min(1),
  diagnosisCodes: z.array(z.string()),
  requested: z.string().nullable(),
  expected: z.object({
    preferred: z.array(z.string().refine(isSpecialtyKey)),
    fallback: z.array(z.string().refine(isSpecialtyKey)),
  }),
  urgent: z.boolean(),
});
export type DevLine = z.infer<typeof DevLine>;

export function parseDevLines(text: string): DevLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => DevLine.parse(JSON.parse(line)));
}

export function loadDevLines(): { lines: DevLine[]; text: string } {
  const text = readFileSync(DEV_SET_URL, 'utf8');
  return { lines: parseDevLines(text), text };
}

export interface MatchingCase {
  id: string;
  devId: string;
  reason: string;
  diagnosisCodes: string[];
  /** A NUCC code the referral names (the dev set's key mapped to its first taxonomy). */
  requestedTaxonomy: string | null;
  preferred: SpecialtyKey[];
  fallback: SpecialtyKey[];
  near: GeoPoint;
  /** Placed far from every practice location on purpose. */
  remote: boolean;
  postalCode: string | null;
  planId: string;
  networkIds: string[];
  radiusMiles: number;
  urgency: Urgency;
  language: string;
}

const RADII_MILES = [10, 25, 50, 50, 75] as const;
const LANGUAGES = ['en', 'en', 'en', 'en', 'en', 'en', 'en', 'es', 'pt', 'vi'] as const;
const REMOTE_SHARE = 0.1;
/** Share of cases whose plan pays in a network of the practitioner next door. */
const LOCAL_PLAN_SHARE = 0.7;
const EYE_SUBSPECIALTY = /^207WX/;

/** Moves `p` by `km` on bearing `deg` (flat-earth step; exact enough for a few hundred km). */
function offset(p: GeoPoint, km: number, deg: number): GeoPoint {
  const b = (deg * Math.PI) / 180;
  const lat = p.lat + (km * Math.cos(b)) / 111.32;
  const lon = p.lon + (km * Math.sin(b)) / (111.32 * Math.cos((p.lat * Math.PI) / 180));
  return { lat: Math.max(-89, Math.min(89, lat)), lon: ((lon + 540) % 360) - 180 };
}

interface Site {
  profile: DirectoryProfile;
  position: GeoPoint;
  postalCode: string;
}

/** A point no practice location is within `km` of, found by walking out from `from`. */
function remotePoint(rng: Rng, from: GeoPoint, sites: readonly Site[], km: number): GeoPoint {
  let best = from;
  let bestGap = -1;
  for (let attempt = 0; attempt < 24; attempt++) {
    const p = offset(from, 300 + rng.int(500), rng.int(360));
    let gap = Number.POSITIVE_INFINITY;
    for (const s of sites) gap = Math.min(gap, haversineKm(p, s.position));
    if (gap > km) return p;
    if (gap > bestGap) [best, bestGap] = [p, gap];
  }
  return best;
}

export function generateCases(
  directory: { profiles: readonly DirectoryProfile[]; plans: readonly InsurancePlanRecord[] },
  dev: readonly DevLine[],
  options: { seed: number; count: number; prefix: string },
): MatchingCase[] {
  const sites: Site[] = directory.profiles.flatMap((profile) =>
    profile.active
      ? profile.locations.flatMap((l) =>
          l.position ? [{ profile, position: l.position, postalCode: l.postalCode }] : [],
        )
      : [],
  );
  const plans = directory.plans.filter((p) => p.networkIds.length > 0);
  if (sites.length === 0 || plans.length === 0 || dev.length === 0) return [];
  const maxRadiusKm = Math.max(...RADII_MILES) * KM_PER_MILE;
  return Array.from({ length: options.count }, (_, i) => {
    const rng = new Rng(hash32(options.seed, 0x6d617463, i));
    const line = rng.pick(dev);
    const site = rng.pick(sites);
    const remote = rng.chance(REMOTE_SHARE);
    const near = remote
      ? remotePoint(rng, site.position, sites, maxRadiusKm + 10)
      : offset(site.position, 0.5 + rng.next() * 7.5, rng.int(360));
    const local = plans.filter((p) =>
      p.networkIds.some((n) => site.profile.networkIds.includes(n)),
    );
    const plan = rng.pick(local.length > 0 && rng.chance(LOCAL_PLAN_SHARE) ? local : plans);
    const requested = line.requested;
    return {
      id: `${options.prefix}-${String(i).padStart(3, '0')}-${line.id}`,
      devId: line.id,
      reason: line.reason,
      diagnosisCodes: [...line.diagnosisCodes],
      requestedTaxonomy:
        requested === null
          ? null
          : isSpecialtyKey(requested)
            ? (SPECIALTIES[requested].taxonomies[0] ?? null)
            : requested,
      preferred: line.expected.preferred.filter(isSpecialtyKey),
      fallback: line.expected.fallback.filter(isSpecialtyKey),
      near,
      remote,
      postalCode: !remote && /^\d{5}$/.test(site.postalCode) ? site.postalCode : null,
      planId: plan.id,
      networkIds: [...plan.networkIds],
      radiusMiles: rng.pick(RADII_MILES),
      urgency: line.urgent || rng.chance(0.1) ? 'urgent' : 'routine',
      language: rng.pick(LANGUAGES),
    };
  });
}

const taxonomiesOf = (keys: readonly SpecialtyKey[]) => [
  ...new Set(keys.flatMap((k) => SPECIALTIES[k].taxonomies)),
];

/** The truth's question for a case: the dataset's tiers through the shared specialty → NUCC map. */
export function truthQueryOf(c: MatchingCase): TruthQuery {
  const tiers = [
    { tier: 'preferred' as const, taxonomies: taxonomiesOf(c.preferred) },
    { tier: 'fallback' as const, taxonomies: taxonomiesOf(c.fallback) },
  ].filter((t) => t.taxonomies.length > 0);
  return {
    near: c.near,
    radiusKm: c.radiusMiles * KM_PER_MILE,
    networkIds: c.networkIds,
    tiers,
  };
}

/** Every preferred specialist of the case is an eye subspecialist (207WX…). */
export const isSubspecialtyCase = (c: MatchingCase): boolean =>
  c.preferred.length > 0 &&
  c.preferred.every((k) => SPECIALTIES[k].taxonomies.every((t) => EYE_SUBSPECIALTY.test(t)));
