/**
 * Specialty-inference development set: load and validate `evals/datasets/specialty-dev.jsonl`, run the
 * rules on every case, score the plans against the expected answers. Pure apart from reading the file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SPECIALTIES } from '../../retrieval/index.js';

/** The specialty keys an expected answer may name: the service's catalog. */
export const SPECIALTY_KEYS = Object.keys(SPECIALTIES) as [
  keyof typeof SPECIALTIES,
  ...(keyof typeof SPECIALTIES)[],
];
export const SpecialtyKey = z.enum(SPECIALTY_KEYS);
export type SpecialtyKey = z.infer<typeof SpecialtyKey>;

/** ICD-10-CM as written on referrals: with or without the dot, no U codes. */
export const ICD10_CM_CODE = /^[A-TV-Z][0-9][0-9AB](\.?[0-9A-TV-Z]{1,4})?$/;

export const DEV_SET_URL = new URL('../datasets/specialty-dev.jsonl', import.meta.url);

/** What the gate in dev-set.test.ts demands of the rules. */
export const THRESHOLDS = {
  preferredPrecision: 0.9,
  preferredRecall: 0.9,
  top1: 0.9,
  planRecall: 0.85,
  negationFalsePositives: 0,
  urgentRecall: 0.9,
} as const;

const Keys = z.array(SpecialtyKey).refine((ks) => new Set(ks).size === ks.length, 'duplicate key');

export const ExpectedPlan = z
  .object({
    /** Who should see the patient for the condition the referral is about. */
    preferred: Keys,
    /** Acceptable when no preferred specialist is found. */
    fallback: Keys,
    /** Specialties for secondary conditions: somewhere in the plan, either tier. */
    also: Keys,
    /** Specialties of negated conditions ("no papilledema"): nowhere in the plan. */
    absent: Keys.default([]),
  })
  .strict();
export type ExpectedPlan = z.infer<typeof ExpectedPlan>;

export const DevCase = z
  .object({
    id: z.string().regex(/^[a-z]+-\d{3}$/),
    reason: z.string().min(1),
    diagnosisCodes: z.array(z.string().regex(ICD10_CM_CODE)),
    requested: z.string().min(1).nullable(),
    expected: ExpectedPlan,
    urgent: z.boolean(),
    /** The text names nothing referable: the plan should be empty. */
    none: z.boolean().default(false),
    tags: z.array(z.string().regex(/^[a-z0-9:-]+$/)).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    const { preferred, fallback, also, absent } = c.expected;
    if (c.none !== (preferred.length === 0)) issue('none ⇔ no preferred specialty');
    if (c.none && (fallback.length > 0 || also.length > 0))
      issue('a none case expects an empty plan');
    if (fallback.some((k) => preferred.includes(k))) issue('fallback repeats a preferred key');
    const wanted = new Set([...preferred, ...fallback, ...also]);
    if (absent.some((k) => wanted.has(k))) issue('absent overlaps the expected plan');
    if (!c.tags.some((t) => t.startsWith('cond:'))) issue('no cond: tag');
    if (c.tags.includes('negation') !== absent.length > 0) issue('negation tag ⇔ expected.absent');
    if (c.tags.includes('none') !== c.none) issue('none tag ⇔ none');
    if (c.tags.includes('urgent') !== c.urgent) issue('urgent tag ⇔ urgent');
  });
export type DevCase = z.infer<typeof DevCase>;

/** Parses the JSONL text; throws one error listing every bad line and every duplicate id. */
export function parseDevSet(text: string): DevCase[] {
  const cases: DevCase[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      errors.push(`line ${i + 1}: not JSON`);
      return;
    }
    const parsed = DevCase.safeParse(raw);
    if (parsed.success) cases.push(parsed.data);
    else errors.push(`line ${i + 1}: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
  });
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) errors.push(`duplicate id ${c.id}`);
    seen.add(c.id);
  }
  if (errors.length > 0) throw new Error(`invalid dev set:\n${errors.join('\n')}`);
  return cases;
}

export function loadDevSet(url: URL = DEV_SET_URL): DevCase[] {
  return parseDevSet(readFileSync(url, 'utf8'));
}

/** The slice of inferSpecialty's contract the scorer reads (a missing tier counts as preferred). */
export interface InferInput {
  requested?: string;
  diagnosisCodes: string[];
  reason: string;
}
export interface InferredPlan {
  specialties: ReadonlyArray<{ key: string; tier?: string }>;
  urgentCondition?: string | null;
}
export type Infer = (input: InferInput) => InferredPlan;

export interface PlanEntry {
  key: string;
  tier: 'preferred' | 'fallback';
}

export interface CaseResult {
  id: string;
  tags: string[];
  expected: ExpectedPlan;
  urgent: boolean;
  none: boolean;
  plan: PlanEntry[];
  urgentCondition: string | null;
  /** What went wrong, for the developer; empty when the case passes. */
  problems: string[];
}

export function runCase(c: DevCase, infer: Infer): CaseResult {
  const input: InferInput = { diagnosisCodes: [...c.diagnosisCodes], reason: c.reason };
  if (c.requested !== null) input.requested = c.requested;
  let plan: PlanEntry[] = [];
  let urgentCondition: string | null = null;
  let error: string | null = null;
  try {
    const out = infer(input);
    plan = out.specialties.map((s) => ({
      key: s.key,
      tier: s.tier === 'fallback' ? 'fallback' : 'preferred',
    }));
    urgentCondition = out.urgentCondition ?? null;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const base = { id: c.id, tags: c.tags, expected: c.expected, urgent: c.urgent, none: c.none };
  const result: CaseResult = { ...base, plan, urgentCondition, problems: [] };
  result.problems = problemsOf(result, error);
  return result;
}

const preferredKeys = (r: CaseResult) =>
  new Set(r.plan.filter((p) => p.tier === 'preferred').map((p) => p.key));
const fallbackKeys = (r: CaseResult) =>
  new Set(r.plan.filter((p) => p.tier === 'fallback').map((p) => p.key));
const planKeys = (r: CaseResult) => new Set(r.plan.map((p) => p.key));
const wantedKeys = (e: ExpectedPlan) => [...e.preferred, ...e.fallback, ...e.also];

function problemsOf(r: CaseResult, error: string | null): string[] {
  const problems: string[] = error === null ? [] : [`threw: ${error}`];
  const pref = preferredKeys(r);
  const all = planKeys(r);
  const { preferred, absent } = r.expected;
  const missingPref = preferred.filter((k) => !pref.has(k));
  const extraPref = [...pref].filter((k) => !(preferred as string[]).includes(k));
  const notInPlan = wantedKeys(r.expected).filter((k) => !all.has(k) && !missingPref.includes(k));
  const first = r.plan[0]?.key;
  if (r.none && r.plan.length > 0) problems.push('expected an empty plan');
  if (missingPref.length > 0) problems.push(`preferred tier lacks ${missingPref.join(', ')}`);
  if (extraPref.length > 0 && !r.none) problems.push(`preferred tier adds ${extraPref.join(', ')}`);
  if (notInPlan.length > 0) problems.push(`plan lacks ${notInPlan.join(', ')}`);
  if (!r.none && first !== undefined && !(preferred as string[]).includes(first)) {
    problems.push(`top-1 is ${first}`);
  }
  const negated = absent.filter((k) => all.has(k));
  if (negated.length > 0) problems.push(`negated condition's ${negated.join(', ')} in plan`);
  if (r.urgent && r.urgentCondition === null) problems.push('urgent not flagged');
  if (!r.urgent && r.urgentCondition !== null) {
    problems.push(`flagged urgent (${r.urgentCondition})`);
  }
  return problems;
}

/** n/d, or null when nothing was counted. */
export interface Ratio {
  value: number | null;
  n: number;
  d: number;
}
const ratio = (n: number, d: number): Ratio => ({ value: d === 0 ? null : n / d, n, d });

export interface SpecialtyScore {
  support: number;
  predicted: number;
  precision: Ratio;
  recall: Ratio;
}

export interface Metrics {
  cases: number;
  preferredPrecision: Ratio;
  preferredRecall: Ratio;
  perSpecialty: Record<string, SpecialtyScore>;
  top1: Ratio;
  planRecall: Ratio;
  fallbackRecall: Ratio;
  negationFalsePositives: { count: number; of: number; ids: string[] };
  urgentPrecision: Ratio;
  urgentRecall: Ratio;
  emptyPlanAccuracy: Ratio;
  /** Cases with no problem, per tag (area:, quality tags); cond: tags left out. */
  passByTag: Record<string, Ratio>;
  passed: Ratio;
  failures: CaseResult[];
}

export function computeMetrics(results: readonly CaseResult[]): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const per = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (key: string, field: 'tp' | 'fp' | 'fn') => {
    const s = per.get(key) ?? { tp: 0, fp: 0, fn: 0 };
    s[field] += 1;
    per.set(key, s);
  };
  let top1 = 0;
  let referable = 0;
  let planComplete = 0;
  let fallbackFound = 0;
  let fallbackWanted = 0;
  const negationIds: string[] = [];
  let negationCases = 0;
  let urgentTp = 0;
  let urgentFp = 0;
  let urgentFn = 0;
  let emptyOk = 0;
  let noneCases = 0;
  const tagTotals = new Map<string, { n: number; d: number }>();

  for (const r of results) {
    const pref = preferredKeys(r);
    const expected = new Set<string>(r.expected.preferred);
    for (const k of pref) {
      if (expected.has(k)) {
        tp += 1;
        bump(k, 'tp');
      } else {
        fp += 1;
        bump(k, 'fp');
      }
    }
    for (const k of expected) {
      if (!pref.has(k)) {
        fn += 1;
        bump(k, 'fn');
      }
    }
    if (r.none) {
      noneCases += 1;
      if (r.plan.length === 0) emptyOk += 1;
    } else {
      referable += 1;
      const first = r.plan[0]?.key;
      if (first !== undefined && expected.has(first)) top1 += 1;
      const all = planKeys(r);
      if (wantedKeys(r.expected).every((k) => all.has(k))) planComplete += 1;
    }
    const fb = fallbackKeys(r);
    fallbackWanted += r.expected.fallback.length;
    fallbackFound += r.expected.fallback.filter((k) => fb.has(k)).length;
    if (r.tags.includes('negation')) {
      negationCases += 1;
      const all = planKeys(r);
      if (r.expected.absent.some((k) => all.has(k))) negationIds.push(r.id);
    }
    const flagged = r.urgentCondition !== null;
    if (flagged && r.urgent) urgentTp += 1;
    if (flagged && !r.urgent) urgentFp += 1;
    if (!flagged && r.urgent) urgentFn += 1;
    for (const tag of r.tags.filter((t) => !t.startsWith('cond:'))) {
      const t = tagTotals.get(tag) ?? { n: 0, d: 0 };
      t.d += 1;
      if (r.problems.length === 0) t.n += 1;
      tagTotals.set(tag, t);
    }
  }

  const perSpecialty: Record<string, SpecialtyScore> = {};
  for (const [key, s] of [...per.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    perSpecialty[key] = {
      support: s.tp + s.fn,
      predicted: s.tp + s.fp,
      precision: ratio(s.tp, s.tp + s.fp),
      recall: ratio(s.tp, s.tp + s.fn),
    };
  }
  const passByTag: Record<string, Ratio> = {};
  for (const [tag, t] of [...tagTotals.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    passByTag[tag] = ratio(t.n, t.d);
  }
  const failures = results.filter((r) => r.problems.length > 0);
  return {
    cases: results.length,
    preferredPrecision: ratio(tp, tp + fp),
    preferredRecall: ratio(tp, tp + fn),
    perSpecialty,
    top1: ratio(top1, referable),
    planRecall: ratio(planComplete, referable),
    fallbackRecall: ratio(fallbackFound, fallbackWanted),
    negationFalsePositives: { count: negationIds.length, of: negationCases, ids: negationIds },
    urgentPrecision: ratio(urgentTp, urgentTp + urgentFp),
    urgentRecall: ratio(urgentTp, urgentTp + urgentFn),
    emptyPlanAccuracy: ratio(emptyOk, noneCases),
    passByTag,
    passed: ratio(results.length - failures.length, results.length),
    failures,
  };
}

export function evaluate(cases: readonly DevCase[], infer: Infer): Metrics {
  return computeMetrics(cases.map((c) => runCase(c, infer)));
}

/** The thresholds the metrics miss, in words; empty when the gate holds. A null ratio misses. */
export function gateFailures(m: Metrics, t: typeof THRESHOLDS = THRESHOLDS): string[] {
  const below = (name: string, r: Ratio, min: number) =>
    r.value === null || r.value < min ? [`${name} ${fmt(r)} < ${min}`] : [];
  return [
    ...below('preferred precision', m.preferredPrecision, t.preferredPrecision),
    ...below('preferred recall', m.preferredRecall, t.preferredRecall),
    ...below('top-1', m.top1, t.top1),
    ...below('plan recall', m.planRecall, t.planRecall),
    ...below('urgent recall', m.urgentRecall, t.urgentRecall),
    ...(m.negationFalsePositives.count > t.negationFalsePositives
      ? [`negation false positives ${m.negationFalsePositives.count} > ${t.negationFalsePositives}`]
      : []),
  ];
}

export const fmt = (r: Ratio): string =>
  r.value === null ? 'n/a' : `${r.value.toFixed(3)} (${r.n}/${r.d})`;
