import type { RatioPart } from '../core/metrics.js';
import {
  type CaseTruth,
  isValid,
  judgeCandidate,
  KM_PER_MILE,
  type LocationVerdict,
  type TruthDirectory,
  type TruthQuery,
  truthOf,
} from './truth.js';

/** What the matcher answered for one case, whichever entry point ran it. */
export interface MatcherAnswer {
  /** No valid candidate: the referral goes to a coordinator. */
  exception: boolean;
  /** In the matcher's order, the recommended one first. */
  candidates: readonly { candidateId: string; isValid: boolean }[];
}

/** One case as the scorer sees it. */
export interface ScoredCaseInput {
  id: string;
  query: TruthQuery;
  /** The preferred tier is an eye subspecialty (a general ophthalmologist would be the lesser pick). */
  subspecialty: boolean;
}

export interface CaseScore {
  caseId: string;
  truth: CaseTruth;
  /** The candidates the matcher marked valid, in its order, judged from the directory. */
  returned: LocationVerdict[];
  exceptionPredicted: boolean;
  exceptionTruth: boolean;
  /** Of the first three returned as valid, how many hold a taxonomy of the right tier. */
  precisionAt3: RatioPart;
  /** Null unless the matcher matched and a valid candidate exists; then whether top-1 is of the right tier. */
  top1Right: boolean | null;
  /** Null unless a valid subspecialist exists; then whether the top-1 is one. */
  top1Specific: boolean | null;
  /** Top-1 minus the nearest valid candidate of the right tier, miles; null unless top-1 is such a one. */
  distanceRegretMiles: number | null;
  /** Top-1's wait minus the shortest wait among them, days; null when either is unknown. */
  waitRegretDays: number | null;
  problems: string[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function violations(v: LocationVerdict): string[] {
  if (v.unknown) return ['not in the directory'];
  return [
    ...(v.active ? [] : ['inactive']),
    ...(v.inNetwork ? [] : ["out of the plan's networks"]),
    ...(v.inRadius
      ? []
      : [
          v.distanceKm === null
            ? 'no position'
            : `${round(v.distanceKm / KM_PER_MILE, 1)} mi, beyond the radius`,
        ]),
    ...(v.open ? [] : ['closed to new patients']),
    ...(v.reachable ? [] : ['no endpoint or fax']),
  ];
}

/** Judges one answer of the matcher against the truth computed from the directory records. */
export function scoreCase(
  dir: TruthDirectory,
  c: ScoredCaseInput,
  answer: MatcherAnswer,
): CaseScore {
  const truth = truthOf(dir, c.query);
  const returned = answer.candidates
    .filter((x) => x.isValid)
    .map((x) => judgeCandidate(dir, x.candidateId, c.query));
  const problems: string[] = [];
  for (const v of returned) {
    const bad = violations(v);
    if (bad.length > 0) problems.push(`returned ${v.candidateId} as valid: ${bad.join(', ')}`);
  }
  const exceptionTruth = truth.tier === null;
  if (answer.exception && !exceptionTruth) {
    const nearest = truth.valid[0];
    problems.push(
      `exception, but ${truth.valid.length} valid ${truth.tier} candidate(s) exist (nearest ${nearest?.candidateId}, ${round((nearest?.distanceKm ?? 0) / KM_PER_MILE, 1)} mi)`,
    );
  }
  if (!answer.exception && exceptionTruth) {
    problems.push('matched, but no valid candidate exists in any acceptable tier');
  }
  const right = (v: LocationVerdict) =>
    dir.byNpi.get(v.npi)?.taxonomyCodes.some((t) => truth.rightTaxonomies.includes(t)) === true;
  const top3 = returned.slice(0, 3);
  const precisionAt3 = { num: top3.filter((v) => right(v)).length, den: top3.length };
  if (precisionAt3.num < precisionAt3.den) {
    problems.push(
      `${precisionAt3.den - precisionAt3.num} of the top ${precisionAt3.den} not of the right specialty`,
    );
  }
  const top1 = answer.exception ? undefined : returned[0];
  const top1Right = top1 && truth.tier !== null ? right(top1) : null;
  if (top1Right === false)
    problems.push(`top-1 ${top1?.candidateId} is not of the right specialty`);
  const subspecialistExists = c.subspecialty && truth.tier === 'preferred';
  const top1Specific = subspecialistExists ? top1?.tier === 'preferred' : null;
  if (top1Specific === false) {
    problems.push(
      `top-1 ${top1?.candidateId ?? '(none)'} is not a subspecialist, though one is valid`,
    );
  }
  const fair = top1 && isValid(top1) && top1.tier === truth.tier ? top1 : undefined;
  const nearest = truth.valid[0];
  const distanceRegretMiles =
    fair && nearest
      ? round(((fair.distanceKm ?? 0) - (nearest.distanceKm ?? 0)) / KM_PER_MILE)
      : null;
  const waits = truth.valid.flatMap((v) => (v.waitDays === null ? [] : [v.waitDays]));
  const waitRegretDays =
    fair && fair.waitDays !== null && waits.length > 0
      ? round(fair.waitDays - Math.min(...waits))
      : null;
  return {
    caseId: c.id,
    truth,
    returned,
    exceptionPredicted: answer.exception,
    exceptionTruth,
    precisionAt3,
    top1Right,
    top1Specific,
    distanceRegretMiles,
    waitRegretDays,
    problems,
  };
}
