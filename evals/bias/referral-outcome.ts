import { ageGroupOf } from './clinical-age.js';
import type { AuditDirectory, DirectoryName } from './directories.js';
import type { Subject } from './population.js';
import { MATCH_SETTINGS, type PathOutcome } from './referral-path.js';

export const KM_PER_MILE = 1.609344;
export const RADIUS_MILES = Math.round(MATCH_SETTINGS.radiusKm / KM_PER_MILE);
/** "Near": the distance outcome's favourable bound. */
export const NEAR_MILES = 25;
const NEAR_KM = NEAR_MILES * KM_PER_MILE;

export const GROUP_ATTRIBUTES = ['payer-type', 'language', 'age-band', 'urban-rural'] as const;
export type GroupAttribute = (typeof GROUP_ATTRIBUTES)[number];

/** One referral's outcome on the current matcher, with what explains it. */
export interface ReferralOutcome {
  directory: DirectoryName;
  caseId: string;
  groups: Record<GroupAttribute, string>;
  exception: boolean;
  /** Miles to the first option shown; null when none was shown. */
  firstMiles: number | null;
  /** The first option shown is in the patient's network (false when none was shown). */
  inNetwork: boolean;
  /** The recommended specialist's listed wait; null when not matched or not listed. */
  waitDays: number | null;
  /** The preferred tier's specialty labels. */
  specialties: string[];
  /**
   * Open, reachable practitioners of the preferred tier: within the radius in any network, within
   * the radius in the patient's networks, and in their networks within `NEAR_KM`.
   */
  nearby: { any: number; inNetwork: number; inNetworkNear: number };
  /** The first option shown speaks the patient's language. */
  firstSpeaksLanguage: boolean;
}

/** Enough for every practitioner location within the radius of a dense city. */
const SEARCH_CAP = 5000;

export async function outcomeOf(
  subject: Subject,
  path: PathOutcome,
  directory: AuditDirectory,
): Promise<ReferralOutcome> {
  const { match, shown } = path;
  const preferred = match.specialty.specialties.filter((s) => s.tier === 'preferred');
  const taxonomies = [...new Set(preferred.flatMap((s) => s.taxonomies))];
  const hits =
    taxonomies.length === 0
      ? []
      : await directory.index.search({
          taxonomies,
          near: subject.patient.location,
          radiusKm: MATCH_SETTINGS.radiusKm,
          excludeNotAccepting: true,
          requireReachable: true,
          limit: SEARCH_CAP,
        });
  const networkIds = subject.network.networkIds;
  const inNetwork = hits.filter((h) => h.profile.networkIds.some((n) => networkIds.includes(n)));
  const npis = (list: typeof hits) => new Set(list.map((h) => h.profile.npi)).size;
  const first = shown[0];
  const recommended = match.recommendedId
    ? match.candidates.find((c) => c.candidateId === match.recommendedId)
    : undefined;
  return {
    directory: directory.name,
    caseId: subject.id,
    groups: {
      'payer-type': subject.plan.payerType,
      language: subject.patient.language,
      'age-band': ageGroupOf(subject.age),
      'urban-rural': subject.urbanicity,
    },
    exception: match.problem !== null,
    firstMiles: first ? Math.round((first.distanceKm / KM_PER_MILE) * 10) / 10 : null,
    inNetwork: first?.checks.inNetwork ?? false,
    waitDays: recommended?.waitDays ?? null,
    specialties: preferred.map((s) => s.label),
    nearby: {
      any: npis(hits),
      inNetwork: npis(inNetwork),
      inNetworkNear: npis(inNetwork.filter((h) => h.distanceKm <= NEAR_KM)),
    },
    firstSpeaksLanguage: first?.checks.speaksPatientLanguage ?? false,
  };
}
