import { z } from 'zod';
import type { AgentModel } from '../../agents/index.js';

/** The suites `referrals eval run` knows, in the order a full run takes them. */
export const SuiteName = z.enum([
  'specialty',
  'matching',
  'guardrails',
  'phi',
  'drafting',
  'loop-closure',
]);
export type SuiteName = z.infer<typeof SuiteName>;

/** A metric's bound: inclusive `min` and/or `max`. */
export const Bound = z.object({ min: z.number().optional(), max: z.number().optional() });
export type Bound = z.infer<typeof Bound>;

/** gate: must hold (exit 1); threshold: reported and warned; info: reported only. */
export const MetricStatus = z.enum(['pass', 'warn', 'fail', 'info']);
export type MetricStatus = z.infer<typeof MetricStatus>;

export const MetricValue = z.object({
  id: z.string(),
  label: z.string(),
  /** Which way is better, for the comparison with a baseline. */
  better: z.enum(['higher', 'lower']),
  unit: z.enum(['ratio', 'count', 'miles', 'days', 'grade', 'score']),
  value: z.number().nullable(),
  /** Cases (or pairs) the value is computed over. */
  n: z.number().int().nonnegative(),
  /** 95% bootstrap interval over cases, when the metric is a per-case mean or ratio. */
  ci: z.tuple([z.number(), z.number()]).optional(),
  gate: Bound.optional(),
  threshold: Bound.optional(),
  status: MetricStatus,
});
export type MetricValue = z.infer<typeof MetricValue>;

export const ConfusionMatrix = z.object({
  title: z.string(),
  /** Row = expected, column = predicted; the last label may be "(none)". */
  labels: z.array(z.string()),
  counts: z.array(z.array(z.number().int().nonnegative())),
});
export type ConfusionMatrix = z.infer<typeof ConfusionMatrix>;

export const Histogram = z.object({
  title: z.string(),
  unit: z.string(),
  values: z.array(z.number()),
});
export type Histogram = z.infer<typeof Histogram>;

/** A table for what neither a metric nor a chart says (group outcomes, per-specialty figures). */
export const Table = z.object({
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
export type Table = z.infer<typeof Table>;

export const CaseFailure = z.object({ caseId: z.string(), problem: z.string() });
export type CaseFailure = z.infer<typeof CaseFailure>;

/** What one suite reports for one path (the rules, or one model). */
export const SuiteResult = z.object({
  /** A suite's name, or `bias` / `drift` for those reports. */
  suite: z.string(),
  title: z.string(),
  /** `rules` for the deterministic policies, `llm:<model>` for a model's path. */
  path: z.string(),
  dataset: z.object({ name: z.string(), version: z.string(), cases: z.number().int() }),
  metrics: z.array(MetricValue),
  confusion: z.array(ConfusionMatrix).default([]),
  histograms: z.array(Histogram).default([]),
  tables: z.array(Table).default([]),
  failures: z.array(CaseFailure).default([]),
  notes: z.array(z.string()).default([]),
  /** LLM responses answered from the cache and from the model, on the LLM path. */
  llmCalls: z.object({ cached: z.number().int(), fresh: z.number().int() }).optional(),
  seconds: z.number(),
});
export type SuiteResult = z.output<typeof SuiteResult>;

/** What a suite's run returns; the runner adds the path, timing and LLM counts. */
export type SuiteOutcome = Omit<
  z.input<typeof SuiteResult>,
  'suite' | 'title' | 'path' | 'seconds' | 'llmCalls'
>;

export interface SuiteContext {
  /** `../shared/data` or wherever `--data` points: public data read in place, never copied. */
  dataRoot: string;
  seed: number;
  /** Present on the LLM path: the agents run with this model (its responses cached per request). */
  model?: AgentModel;
  /** Long suites report how far they got. */
  progress(done: number, total: number): void;
}

export interface EvalSuite {
  name: SuiteName;
  title: string;
  /** Whether the suite has an LLM path (agents that may call a model). */
  usesModel: boolean;
  run(ctx: SuiteContext): Promise<SuiteOutcome>;
}
