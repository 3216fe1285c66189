import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { countMetric, statusOf } from '../core/metrics.js';
import type { MetricValue, SuiteResult } from '../core/suite.js';
import { type DirectoryRun, plannedRuns, runDirectory } from './audit-runs.js';
import { AGE_RELEVANCE_RULE } from './clinical-age.js';
import { loadReferableCases } from './dev-cases.js';
import { type AuditDirectory, GENERATED, loadGenerated, loadPlanNet } from './directories.js';
import { FOUR_FIFTHS } from './four-fifths.js';
import { groupReport } from './group-report.js';
import { invarianceFailures, invarianceMetrics, invarianceTable } from './invariance-report.js';
import { buildPopulation } from './population.js';
import { type BiasAuditStore, recordedOutcomes } from './recorded-outcomes.js';
import type { Matcher } from './referral-path.js';
import { loadZctaMap, URBANICITY_RULE } from './urbanicity.js';

export interface BiasAuditOptions {
  /** The shared public data folder (Plan-Net sample, ZCTA centroids), read in place. */
  dataRoot: string;
  seed: number;
  progress(done: number, total: number): void;
  /** The practice's records: time to review and recorded in-network share per payer. */
  store?: BiasAuditStore;
  /** Referrals per directory (default 150). */
  size?: number;
  /** The match step; tests wrap the real one to show the gate catching a biased ranking. */
  matcher?: Matcher;
}

export const DEFAULT_SIZE = 150;

function notesOf(runs: readonly DirectoryRun[], size: number, seed: number): string[] {
  const notes = [
    `Population: ${size} referrals per directory (seed ${seed}), reasons and codes from the specialty dev set (referable cases), patients placed 0–40 km from a random practice location of the directory, each holding a plan sold where they live (a network practising within 80 km; Medicare plans from age 65).`,
    'Path: intake (specialty rules) → enrichment (patient, coverage and network status through the tools, from an EHR and a payer holding the record) → the match step given the whole Patient as the graph builds it (`matchReferral`), deterministic policies (no model). Top-3 = what the coordinator sees first: the candidates, or on an exception the ways out.',
    `Urban/rural: ${URBANICITY_RULE}.`,
    `Age: ${AGE_RELEVANCE_RULE}. Others move to ages 24, 45 and 72 (each band other than their own).`,
    'Payer type is varied only to another plan paying in exactly the same networks (another payer type when there is one, e.g. a commercial PPO and a Medicare Advantage plan on one network); a referral whose plan has no such twin is not varied.',
    "Language is varied (en ↔ es) but not gated: matching the patient's language is intended (a ranking factor and a check).",
    `Group outcomes compare favourable rates: an option within 25 miles, a listed wait within 30 days, the first option in network, no exception; a compared group (n ≥ 10) below ${FOUR_FIFTHS} of the best group's rate is flagged.`,
  ];
  if (!runs.some((r) => r.raceKeptByEnrichment)) {
    notes.push(
      'Race and ethnicity: the Patient schema has no such fields, so the get_patient tool drops them at the EHR boundary, before matching. The audit puts them back on the Patient handed to the match step and varies them there, so a future use anywhere in matching would show.',
    );
  }
  for (const run of runs) {
    if (!run.outcomes.some((o) => o.waitDays !== null)) {
      notes.push(`${run.directory.label} lists no wait times: its wait outcomes are empty.`);
    }
    const swaps = run.pairs.filter((p) => p.attribute === 'payer-type');
    const crossing = swaps.filter((p) => {
      const [from = '', to = ''] = p.change.split(' → ').map((side) => side.split(' ')[0]);
      return from !== to;
    });
    notes.push(
      `${run.directory.label}: ${swaps.length} of ${run.outcomes.length} referrals had a plan twin on the same networks; ${crossing.length} of those swaps crossed payer types.`,
    );
    const rural = run.outcomes.filter((o) => o.groups['urban-rural'] === 'rural').length;
    notes.push(
      `${run.directory.label}: ${rural} of ${run.outcomes.length} patients rural by the rule above.`,
    );
  }
  notes.push(
    'On the LLM path the re-rank step sees the age band and language (allow-listed facts); this audit runs the rules only, so that step is not exercised here.',
  );
  return notes;
}

function versionOf(devText: string, seed: number, size: number, directories: AuditDirectory[]) {
  const hash = createHash('sha256').update(devText);
  hash.update(JSON.stringify({ seed, size, generated: GENERATED }));
  for (const d of directories) hash.update(`${d.name}:${d.profiles.length}:${d.plans.length}`);
  return hash.digest('hex').slice(0, 12);
}

/**
 * The bias audit on the rules path: counterfactual invariance of the match (gated), group
 * outcomes with four-fifths ratios (warned), and, given a store, what the records show per payer.
 */
export async function runBiasAudit(options: BiasAuditOptions): Promise<SuiteResult> {
  const started = performance.now();
  const size = options.size ?? DEFAULT_SIZE;
  const zcta = loadZctaMap(options.dataRoot);
  const { cases, text } = loadReferableCases();
  const directories = [await loadPlanNet(options.dataRoot), loadGenerated()];
  const populations = directories.map((directory) =>
    buildPopulation({ cases, directory, zcta, seed: options.seed, size }),
  );
  const total = directories.reduce(
    (sum, d, i) => sum + plannedRuns(d, populations[i] ?? []).runs,
    0,
  );
  let done = 0;
  const tick = () => {
    done++;
    if (done % 100 === 0 || done === total) options.progress(done, total);
  };
  const runs: DirectoryRun[] = [];
  for (const [i, directory] of directories.entries()) {
    runs.push(await runDirectory(directory, populations[i] ?? [], options.matcher, tick));
  }
  const pairs = runs.flatMap((r) => r.pairs);
  const groups = groupReport(runs, options.seed + 5000);
  const metrics: MetricValue[] = [
    ...invarianceMetrics(pairs, options.seed),
    ...groups.metrics,
    countMetric(
      { id: 'population.referrals', label: 'Referrals audited', better: 'higher', unit: 'count' },
      runs.reduce((sum, r) => sum + r.outcomes.length, 0),
      runs.reduce((sum, r) => sum + r.outcomes.length, 0),
    ),
    countMetric(
      {
        id: 'population.pairs',
        label: 'Counterfactual pairs run',
        better: 'higher',
        unit: 'count',
      },
      pairs.length,
      pairs.length,
    ),
  ];
  const tables = [invarianceTable(runs), ...groups.tables];
  const notes = [...notesOf(runs, size, options.seed), ...groups.statements];
  if (options.store) {
    const recorded = await recordedOutcomes(options.store, options.seed + 9000);
    const spec = {
      id: 'four-fifths.records.payer',
      label: 'Lowest four-fifths ratio of the recorded in-network share, by payer',
      better: 'higher' as const,
      unit: 'ratio' as const,
      threshold: { min: FOUR_FIFTHS },
    };
    metrics.push({
      ...spec,
      value: recorded.lowest,
      n: recorded.referrals,
      status: recorded.lowest === null ? 'info' : statusOf(recorded.lowest, spec),
    });
    tables.push(recorded.table);
    notes.push(...recorded.notes);
  } else {
    notes.push(
      'No records: time to review and the recorded in-network share need a store (the referral facts); only the simulated population was audited.',
    );
  }
  return {
    suite: 'bias',
    title: 'Bias audit: counterfactual invariance and group outcomes',
    path: 'rules',
    dataset: {
      name: 'bias-population (specialty dev set × Plan-Net sample + generated directory)',
      version: versionOf(text, options.seed, size, directories),
      cases: runs.reduce((sum, r) => sum + r.outcomes.length, 0),
    },
    metrics,
    confusion: [],
    histograms: groups.histograms,
    tables,
    failures: invarianceFailures(pairs),
    notes,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}
