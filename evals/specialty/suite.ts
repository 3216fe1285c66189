import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refineSpecialty } from '../../agents/index.js';
import { inferSpecialty } from '../../retrieval/index.js';
import { openEvalRuntime } from '../core/eval-runtime.js';
import { countMetric, type RatioPart, rateMetric, ratioMetric } from '../core/metrics.js';
import type {
  ConfusionMatrix,
  EvalSuite,
  MetricValue,
  SuiteContext,
  Table,
} from '../core/suite.js';
import {
  type CaseResult,
  DEV_SET_URL,
  type DevCase,
  type InferredPlan,
  loadDevSet,
  runCase,
  THRESHOLDS,
} from './score.js';

type Infer = (input: {
  requested?: string;
  diagnosisCodes: string[];
  reason: string;
}) => InferredPlan;

const NONE = '(none)';
const keysOf = (r: CaseResult, tier: 'preferred' | 'fallback') =>
  new Set(r.plan.filter((p) => p.tier === tier).map((p) => p.key));
const overlap = (a: ReadonlySet<string>, b: readonly string[]) => b.filter((k) => a.has(k)).length;

/** The dev set's plans from the rules, or from the rules refined by the model where they are unsure. */
async function plansOf(cases: readonly DevCase[], ctx: SuiteContext): Promise<CaseResult[]> {
  if (!ctx.model) return cases.map((c) => runCase(c, inferSpecialty));
  const model = ctx.model;
  const env = await openEvalRuntime();
  try {
    const results: CaseResult[] = [];
    for (const [i, c] of cases.entries()) {
      const input = {
        diagnosisCodes: [...c.diagnosisCodes],
        reason: c.reason,
        ...(c.requested === null ? {} : { requested: c.requested }),
      };
      const inferred = inferSpecialty(input);
      const { specialty } = await refineSpecialty(
        inferred,
        { reason: () => c.reason, diagnosisCodes: c.diagnosisCodes },
        env.contextFor(`eval-${c.id}`, model),
        (text) => text,
      );
      results.push(runCase(c, (() => specialty) as Infer));
      ctx.progress(i + 1, cases.length);
    }
    return results;
  } finally {
    await env.close();
  }
}

/** Expected lead specialty (rows) against the plan's first entry (columns). */
export function confusionOf(results: readonly CaseResult[]): ConfusionMatrix {
  const expected = (r: CaseResult) => r.expected.preferred[0] ?? NONE;
  const predicted = (r: CaseResult) => r.plan[0]?.key ?? NONE;
  const labels = [...new Set(results.flatMap((r) => [expected(r), predicted(r)]))].sort((a, b) =>
    a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b),
  );
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const r of results) {
    const row = counts[index.get(expected(r)) ?? 0];
    const col = index.get(predicted(r)) ?? 0;
    if (row) row[col] = (row[col] ?? 0) + 1;
  }
  return { title: 'Lead specialty: expected × planned first', labels, counts };
}

/** Each ICD-10-CM category of the eye chapter (H00–H59) alone: does it yield a plan? */
export function eyeChapterCoverage(dataRoot: string): { covered: boolean[]; uncovered: string[] } {
  const csv = readFileSync(join(dataRoot, 'icd10cm-2018-categories', 'categories.csv'), 'utf8');
  const codes = csv
    .split('\n')
    .map((line) => line.split(',')[0] ?? '')
    .filter((code) => /^H[0-5][0-9]/.test(code));
  const covered = codes.map((code) => {
    const dotted = code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
    return inferSpecialty({ diagnosisCodes: [dotted], reason: '' }).specialties.length > 0;
  });
  return { covered, uncovered: codes.filter((_, i) => !covered[i]) };
}

function perSpecialtyTable(results: readonly CaseResult[]): Table {
  const stats = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (k: string, f: 'tp' | 'fp' | 'fn') => {
    const s = stats.get(k) ?? { tp: 0, fp: 0, fn: 0 };
    s[f]++;
    stats.set(k, s);
  };
  for (const r of results) {
    const pref = keysOf(r, 'preferred');
    for (const k of pref) bump(k, r.expected.preferred.includes(k as never) ? 'tp' : 'fp');
    for (const k of r.expected.preferred) if (!pref.has(k)) bump(k, 'fn');
  }
  const share = (n: number, d: number) => (d === 0 ? null : n / d);
  return {
    title: 'Per specialty (preferred tier)',
    columns: ['specialty', 'support', 'predicted', 'precision', 'recall'],
    rows: [...stats.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, s]) => [
        k,
        s.tp + s.fn,
        s.tp + s.fp,
        share(s.tp, s.tp + s.fp),
        share(s.tp, s.tp + s.fn),
      ]),
  };
}

export function specialtyMetrics(results: readonly CaseResult[], seed: number): MetricValue[] {
  const referable = results.filter((r) => !r.none);
  const part = (num: number, den: number): RatioPart => ({ num, den });
  const ratio = (m: Parameters<typeof ratioMetric>[0], parts: RatioPart[], k: number) =>
    ratioMetric(m, parts, seed + k);
  const negationHits = results.filter(
    (r) =>
      r.tags.includes('negation') && r.expected.absent.some((k) => r.plan.some((p) => p.key === k)),
  );
  const urgentFlagged = results.filter((r) => r.urgentCondition !== null);
  const r = (id: string, label: string, min?: number, gated = false) => ({
    id,
    label,
    better: 'higher' as const,
    unit: 'ratio' as const,
    ...(min === undefined ? {} : gated ? { gate: { min } } : { threshold: { min } }),
  });
  return [
    ratio(
      r(
        'preferred.precision',
        'preferred-tier precision (micro)',
        THRESHOLDS.preferredPrecision,
        true,
      ),
      results.map((x) =>
        part(overlap(keysOf(x, 'preferred'), x.expected.preferred), keysOf(x, 'preferred').size),
      ),
      1,
    ),
    ratio(
      r('preferred.recall', 'preferred-tier recall (micro)', THRESHOLDS.preferredRecall, true),
      results.map((x) =>
        part(overlap(keysOf(x, 'preferred'), x.expected.preferred), x.expected.preferred.length),
      ),
      2,
    ),
    ratio(
      r('fallback.precision', 'fallback-tier precision (micro)', 0.6),
      results.map((x) =>
        part(overlap(keysOf(x, 'fallback'), x.expected.fallback), keysOf(x, 'fallback').size),
      ),
      3,
    ),
    ratio(
      r('fallback.recall', 'fallback-tier recall (micro)', 0.8),
      results.map((x) =>
        part(overlap(keysOf(x, 'fallback'), x.expected.fallback), x.expected.fallback.length),
      ),
      4,
    ),
    rateMetric(
      r('top1', 'top-1 accuracy', THRESHOLDS.top1, true),
      referable.map(
        (x) => x.plan[0] !== undefined && x.expected.preferred.includes(x.plan[0].key as never),
      ),
      seed + 5,
    ),
    rateMetric(
      r(
        'plan.recall',
        'plan recall (every expected specialty somewhere)',
        THRESHOLDS.planRecall,
        true,
      ),
      referable.map((x) =>
        [...x.expected.preferred, ...x.expected.fallback, ...x.expected.also].every((k) =>
          x.plan.some((p) => p.key === k),
        ),
      ),
      seed + 6,
    ),
    countMetric(
      {
        id: 'negation.false-positives',
        label: 'negated conditions planned',
        better: 'lower',
        unit: 'count',
        gate: { max: THRESHOLDS.negationFalsePositives },
      },
      negationHits.length,
      results.filter((x) => x.tags.includes('negation')).length,
    ),
    rateMetric(
      r('urgent.recall', 'urgent recall', THRESHOLDS.urgentRecall, true),
      results.filter((x) => x.urgent).map((x) => x.urgentCondition !== null),
      seed + 7,
    ),
    rateMetric(
      r('urgent.precision', 'urgent precision', 0.85),
      urgentFlagged.map((x) => x.urgent),
      seed + 8,
    ),
    rateMetric(
      r('empty.accuracy', 'empty plan when nothing is referable', 0.9),
      results.filter((x) => x.none).map((x) => x.plan.length === 0),
      seed + 9,
    ),
    rateMetric(
      r('cases.passed', 'cases passing every check', 0.8),
      results.map((x) => x.problems.length === 0),
      seed + 10,
    ),
  ];
}

const HOLDOUT_URL = new URL('../datasets/specialty-holdout.jsonl', import.meta.url);

/** The held-out set's figures are for reporting: never gated, never tuned on. */
const asHoldout = (metrics: readonly MetricValue[]): MetricValue[] =>
  metrics.map(({ gate: _g, threshold: _t, ...m }) => ({
    ...m,
    id: `holdout.${m.id}`,
    label: `held-out: ${m.label}`,
    status: 'info',
  }));

export const specialtySuite: EvalSuite = {
  name: 'specialty',
  title: 'Specialty inference on the development set',
  usesModel: true,
  async run(ctx) {
    const text = readFileSync(DEV_SET_URL, 'utf8');
    const cases = loadDevSet();
    const results = await plansOf(cases, ctx);
    const holdout = await plansOf(loadDevSet(HOLDOUT_URL), ctx);
    const chapter = eyeChapterCoverage(ctx.dataRoot);
    const coverage = rateMetric(
      {
        id: 'icd10.eye-chapter',
        label: 'ICD-10-CM eye chapter categories with a plan',
        better: 'higher',
        unit: 'ratio',
        threshold: { min: 0.95 },
      },
      chapter.covered,
      ctx.seed + 11,
    );
    return {
      dataset: {
        name: 'specialty-dev.jsonl (+ held-out, reported only) + ICD-10-CM H00–H59',
        version: createHash('sha256')
          .update(text)
          .update(readFileSync(HOLDOUT_URL))
          .digest('hex')
          .slice(0, 12),
        cases: cases.length + holdout.length,
      },
      metrics: [
        ...specialtyMetrics(results, ctx.seed),
        coverage,
        ...asHoldout(specialtyMetrics(holdout, ctx.seed)),
      ],
      confusion: [confusionOf(results)],
      tables: [perSpecialtyTable(results)],
      failures: results
        .filter((x) => x.problems.length > 0)
        .map((x) => ({ caseId: x.id, problem: x.problems.join('; ') })),
      notes:
        chapter.uncovered.length === 0
          ? []
          : [
              `Eye-chapter categories with no plan from the code alone: ${chapter.uncovered.slice(0, 40).join(', ')}${chapter.uncovered.length > 40 ? ' …' : ''}.`,
            ],
    };
  },
};
