import {
  type Attribute,
  recordOf,
  type Skip,
  type Variant,
  variantsOf,
} from './counterfactuals.js';
import type { AuditDirectory } from './directories.js';
import { compareOutcomes, type PairComparison, type RankedOutcome } from './invariance.js';
import type { Subject } from './population.js';
import { outcomeOf, type ReferralOutcome } from './referral-outcome.js';
import { createReferralPath, type Matcher, type PathOutcome } from './referral-path.js';

export interface PairResult {
  directory: AuditDirectory['name'];
  caseId: string;
  attribute: Attribute;
  change: string;
  base: RankedOutcome;
  variant: RankedOutcome;
  comparison: PairComparison;
}

export interface DirectoryRun {
  directory: AuditDirectory;
  subjects: Subject[];
  outcomes: ReferralOutcome[];
  pairs: PairResult[];
  skips: Array<Skip & { caseId: string }>;
  /** Whether any run's enrichment handed race and ethnicity on to the match step. */
  raceKeptByEnrichment: boolean;
}

export function rankedOf(path: PathOutcome): RankedOutcome {
  return {
    status: path.match.problem ? 'exception' : 'matched',
    ids: path.shown.map((c) => c.candidateId),
  };
}

/** How many runs `runDirectory` makes for these subjects (for progress). */
export function plannedRuns(
  directory: AuditDirectory,
  subjects: readonly Subject[],
): { runs: number; variants: Map<string, { variants: Variant[]; skips: Skip[] }> } {
  const variants = new Map(subjects.map((s) => [s.id, variantsOf(s, directory.plans)]));
  let runs = 0;
  for (const v of variants.values()) runs += 1 + v.variants.length;
  return { runs, variants };
}

/** Every subject through the path once as recorded, then once per one-attribute change. */
export async function runDirectory(
  directory: AuditDirectory,
  subjects: readonly Subject[],
  matcher: Matcher | undefined,
  tick: () => void,
): Promise<DirectoryRun> {
  const { variants } = plannedRuns(directory, subjects);
  const path = createReferralPath(directory, matcher);
  const run: DirectoryRun = {
    directory,
    subjects: [...subjects],
    outcomes: [],
    pairs: [],
    skips: [],
    raceKeptByEnrichment: false,
  };
  for (const subject of subjects) {
    const base = await path.run(recordOf(subject));
    tick();
    run.raceKeptByEnrichment ||= base.raceKeptByEnrichment;
    run.outcomes.push(await outcomeOf(subject, base, directory));
    const planned = variants.get(subject.id) ?? { variants: [], skips: [] };
    run.skips.push(...planned.skips.map((s) => ({ ...s, caseId: subject.id })));
    const baseRanked = rankedOf(base);
    for (const variant of planned.variants) {
      const ranked = rankedOf(await path.run(variant.record));
      tick();
      run.pairs.push({
        directory: directory.name,
        caseId: subject.id,
        attribute: variant.attribute,
        change: variant.change,
        base: baseRanked,
        variant: ranked,
        comparison: compareOutcomes(baseRanked, ranked),
      });
    }
  }
  return run;
}
