import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import { loadConfig } from '../../src/config.js';
import type { DirectoryIndex } from '../../src/domain/index.js';
import { openEvalRuntime } from '../core/eval-runtime.js';
import type { EvalSuite, SuiteContext, SuiteOutcome, Table } from '../core/suite.js';
import {
  type DevLine,
  generateCases,
  isSubspecialtyCase,
  loadDevLines,
  type MatchingCase,
  truthQueryOf,
} from './cases.js';
import {
  type DirectoryKey,
  type EvalDirectory,
  loadGenerated,
  loadPlanNet,
  shortHash,
} from './directories.js';
import { type DirectoryMetrics, metricsOf } from './directory-metrics.js';
import { adHocMatcher, type MatchSettings, referralMatcher } from './matchers.js';
import { MATCHING_NOTES } from './notes.js';
import { type CaseScore, scoreCase } from './score-case.js';
import { truthDirectory } from './truth.js';

export const CASES_PER_DIRECTORY = 300;
const MAX_FAILURES = 50;

export interface MatchingRunOptions {
  casesPerDirectory?: number;
  directories?: readonly DirectoryKey[];
  /** Where a directory comes from (default: Plan-Net from the data root, or the generator). */
  load?: (key: DirectoryKey, dataRoot: string) => Promise<EvalDirectory>;
  /** Alters the index the matcher searches; the regression tests break the matcher this way. */
  wrapIndex?: (index: DirectoryIndex) => DirectoryIndex;
  /** Limit, search width and ranking weights (default: the configuration's defaults). */
  settings?: MatchSettings;
}

const defaultLoad = async (key: DirectoryKey, dataRoot: string) =>
  key === 'plannet' ? loadPlanNet(dataRoot) : loadGenerated();

interface DirectoryRun {
  directory: EvalDirectory;
  cases: MatchingCase[];
  scores: CaseScore[];
  result: DirectoryMetrics;
}

async function runDirectory(
  directory: EvalDirectory,
  dev: readonly DevLine[],
  ctx: SuiteContext,
  options: MatchingRunOptions & {
    settings: MatchSettings;
    count: number;
    offset: number;
    total: number;
  },
): Promise<DirectoryRun> {
  const cases = generateCases(directory, dev, {
    seed: ctx.seed,
    count: options.count,
    prefix: directory.key,
  });
  const index = createMemoryDirectoryIndex(directory.profiles);
  const env = await openEvalRuntime(options.wrapIndex ? options.wrapIndex(index) : index);
  const scores: CaseScore[] = [];
  try {
    await env.store.directory.upsertPlans(directory.plans);
    const match = ctx.model
      ? referralMatcher(env.runtime, options.settings, ctx.model)
      : adHocMatcher(env.runtime, options.settings);
    const truth = truthDirectory(directory.profiles);
    for (const c of cases) {
      const answer = await match(c);
      scores.push(
        scoreCase(
          truth,
          { id: c.id, query: truthQueryOf(c), subspecialty: isSubspecialtyCase(c) },
          answer,
        ),
      );
      ctx.progress(options.offset + scores.length, options.total);
    }
  } finally {
    await env.close();
  }
  const result = metricsOf(directory.key, scores, ctx.seed + 7919 * (options.offset + 1), {
    waits: directory.hasWaits,
  });
  return { directory, cases, scores, result };
}

function summaryTable(runs: readonly DirectoryRun[]): Table {
  const count = (scores: readonly CaseScore[], ok: (s: CaseScore) => boolean) =>
    scores.filter(ok).length;
  return {
    title: 'Cases by truth tier and matcher outcome',
    columns: [
      'directory',
      'profiles',
      'cases',
      'remote',
      'truth: preferred',
      'truth: fallback',
      'truth: none',
      'matched',
      'exception',
    ],
    rows: runs.map(({ directory, cases, scores }) => [
      directory.key,
      directory.profiles.length,
      cases.length,
      cases.filter((c) => c.remote).length,
      count(scores, (s) => s.truth.tier === 'preferred'),
      count(scores, (s) => s.truth.tier === 'fallback'),
      count(scores, (s) => s.truth.tier === null),
      count(scores, (s) => !s.exceptionPredicted),
      count(scores, (s) => s.exceptionPredicted),
    ]),
  };
}

/** Takes the worst failures of each directory in turn, up to `max`. */
function interleave<T>(lists: readonly (readonly T[])[], max: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < max && lists.some((l) => i < l.length); i++) {
    for (const l of lists) {
      const item = l[i];
      if (item !== undefined && out.length < max) out.push(item);
    }
  }
  return out;
}

/** The matching suite with its knobs: the tests shrink it or break the matcher through these. */
export async function runMatchingSuite(
  ctx: SuiteContext,
  options: MatchingRunOptions = {},
): Promise<SuiteOutcome> {
  const dev = loadDevLines();
  const config = loadConfig({}).matching;
  const settings = options.settings ?? {
    limit: config.limit,
    searchWidth: config.searchWidth,
    weights: config.weights,
  };
  const count = options.casesPerDirectory ?? CASES_PER_DIRECTORY;
  const keys = options.directories ?? (['plannet', 'generated'] as const);
  const load = options.load ?? defaultLoad;
  const runs: DirectoryRun[] = [];
  for (const [i, key] of keys.entries()) {
    const directory = await load(key, ctx.dataRoot);
    runs.push(
      await runDirectory(directory, dev.lines, ctx, {
        ...options,
        settings,
        count,
        offset: i * count,
        total: keys.length * count,
      }),
    );
  }
  const cases = runs.reduce((n, r) => n + r.cases.length, 0);
  const hash = shortHash(
    JSON.stringify({
      dev: shortHash(dev.text),
      directories: runs.map((r) => r.directory.digest),
      cases: runs.map((r) => r.cases),
    }),
  );
  return {
    dataset: {
      name: 'matching-referrals',
      version: `${runs.map((r) => r.directory.params).join('+')};seed=${ctx.seed};cases=${count}/directory;${hash}`,
      cases,
    },
    metrics: runs.flatMap((r) => r.result.metrics),
    confusion: runs.map((r) => r.result.confusion),
    histograms: runs.flatMap((r) => r.result.histograms),
    tables: [summaryTable(runs)],
    failures: interleave(
      runs.map((r) => r.result.failures),
      MAX_FAILURES,
    ),
    notes: [
      ctx.model
        ? `LLM path: each case runs the referral's match step (matchReferral) with the model ${ctx.model.name}, which may refine an unsure specialty and re-rank the eligible candidates.`
        : 'Rules path: each case runs matchAdHoc, the same inference, search and ranking as the match step.',
      ...MATCHING_NOTES,
      ...runs
        .filter((r) => !r.directory.hasWaits)
        .map(
          (r) =>
            `${r.directory.key}: no wait regret — its profiles carry no wait time (Plan-Net has no such field; the import leaves metrics.waitDays null).`,
        ),
    ],
  };
}

export const matchingSuite: EvalSuite = {
  name: 'matching',
  title: 'Matching: eligibility, specialty, exceptions and regret on two directories',
  usesModel: true,
  run: (ctx) => runMatchingSuite(ctx),
};
