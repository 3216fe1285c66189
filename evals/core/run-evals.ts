import { randomBytes } from 'node:crypto';
import type { AgentModel } from '../../agents/index.js';
import type { LlmCallCounts } from './llm-cache.js';
import { type EvalSuite, SuiteResult } from './suite.js';

/** A model the LLM path runs with, and the counts of its cached and fresh answers. */
export interface EvalModel {
  model: AgentModel;
  calls: LlmCallCounts;
}

export interface EvalRun {
  id: string;
  createdAt: string;
  /** The commit the run measured, when known. */
  commit: string | null;
  seed: number;
  /** `rules`, then `llm:<model>` for each model the LLM path ran with. */
  paths: string[];
  results: SuiteResult[];
  gate: { passed: boolean; failures: string[] };
  warnings: string[];
}

export interface RunOptions {
  suites: readonly EvalSuite[];
  dataRoot: string;
  seed: number;
  models: readonly EvalModel[];
  commit: string | null;
  now: () => Date;
  /** Told each suite and path as it starts, then how far it got. */
  onProgress: (label: string, done: number, total: number) => void;
}

export const runIdAt = (at: Date) =>
  `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(2).toString('hex')}`;

/** Runs each suite on the rules, then on each model; a suite that throws fails the gate, the rest go on. */
export async function runEvals(options: RunOptions): Promise<EvalRun> {
  const createdAt = options.now();
  const results: SuiteResult[] = [];
  const paths = ['rules', ...options.models.map((m) => `llm:${m.model.name}`)];
  for (const suite of options.suites) {
    const variants: { path: string; model?: EvalModel }[] = [{ path: 'rules' }];
    if (suite.usesModel) {
      for (const m of options.models) variants.push({ path: `llm:${m.model.name}`, model: m });
    }
    for (const variant of variants) {
      results.push(await runOne(suite, variant, options));
    }
  }
  return summarize({
    id: runIdAt(createdAt),
    createdAt: createdAt.toISOString(),
    commit: options.commit,
    seed: options.seed,
    paths,
    results,
  });
}

async function runOne(
  suite: EvalSuite,
  variant: { path: string; model?: EvalModel },
  options: RunOptions,
): Promise<SuiteResult> {
  const label = `${suite.name} (${variant.path})`;
  const before = variant.model ? { ...variant.model.calls } : null;
  const started = performance.now();
  options.onProgress(label, 0, 0);
  try {
    const outcome = await suite.run({
      dataRoot: options.dataRoot,
      seed: options.seed,
      ...(variant.model ? { model: variant.model.model } : {}),
      progress: (done, total) => options.onProgress(label, done, total),
    });
    return SuiteResult.parse({
      ...outcome,
      suite: suite.name,
      title: suite.title,
      path: variant.path,
      seconds: (performance.now() - started) / 1000,
      ...(variant.model && before
        ? {
            llmCalls: {
              cached: variant.model.calls.cached - before.cached,
              fresh: variant.model.calls.fresh - before.fresh,
            },
          }
        : {}),
    });
  } catch (error) {
    return SuiteResult.parse({
      suite: suite.name,
      title: suite.title,
      path: variant.path,
      dataset: { name: 'not loaded', version: '-', cases: 0 },
      metrics: [
        {
          id: 'suite.ran',
          label: 'the suite ran to the end',
          better: 'higher',
          unit: 'count',
          value: 0,
          n: 0,
          gate: { min: 1 },
          status: 'fail',
        },
      ],
      notes: [`The suite stopped: ${error instanceof Error ? error.message : String(error)}`],
      seconds: (performance.now() - started) / 1000,
    });
  }
}

/** The gate: every gated metric holds; warnings: every threshold missed. */
export function summarize(run: Omit<EvalRun, 'gate' | 'warnings'>): EvalRun {
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const r of run.results) {
    for (const m of r.metrics) {
      const line = `${r.suite} (${r.path}) ${m.label}: ${m.value === null ? 'n/a' : round(m.value)}`;
      if (m.status === 'fail') failures.push(`${line} ${boundText(m.gate)}`);
      if (m.status === 'warn') warnings.push(`${line} ${boundText(m.threshold)}`);
    }
  }
  return { ...run, gate: { passed: failures.length === 0, failures }, warnings };
}

export const round = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3).replace(/\.?0+$/, '');

export function boundText(
  b: { min?: number | undefined; max?: number | undefined } | undefined,
): string {
  if (!b) return '';
  if (b.min !== undefined && b.max !== undefined) return `(wanted ${b.min}–${b.max})`;
  if (b.min !== undefined) return `(wanted ≥ ${b.min})`;
  return `(wanted ≤ ${b.max})`;
}
