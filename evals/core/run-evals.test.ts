import { describe, expect, it } from 'vitest';
import type { AgentModel } from '../../agents/index.js';
import type { LlmCallCounts } from './llm-cache.js';
import { boundText, type EvalModel, round, runEvals, runIdAt, summarize } from './run-evals.js';
import type { EvalSuite, MetricValue, SuiteContext, SuiteName, SuiteOutcome } from './suite.js';

const modelNamed = (name: string): AgentModel => ({
  name,
  chat: {} as never,
  structuredOutput: 'jsonSchema',
  timeoutMs: 1000,
  zeroRetention: true,
});

const metric = (over: Partial<MetricValue> & Pick<MetricValue, 'id'>): MetricValue => ({
  label: over.id,
  better: 'higher',
  unit: 'ratio',
  value: 0.9,
  n: 10,
  status: 'info',
  ...over,
});

const outcome = (metrics: MetricValue[]): SuiteOutcome => ({
  dataset: { name: 'fake', version: 'v1', cases: 10 },
  metrics,
});

/** A suite that records each context it is run with and answers what `answer` makes of it. */
function fakeSuite(
  name: SuiteName,
  usesModel: boolean,
  answer: (ctx: SuiteContext) => SuiteOutcome | Promise<SuiteOutcome>,
) {
  const seen: SuiteContext[] = [];
  const suite: EvalSuite = {
    name,
    title: `the ${name} suite`,
    usesModel,
    run: async (ctx) => {
      seen.push(ctx);
      return answer(ctx);
    },
  };
  return { suite, seen };
}

const options = (suites: EvalSuite[], models: EvalModel[] = []) => {
  const progress: string[] = [];
  return {
    progress,
    opts: {
      suites,
      dataRoot: '/data',
      seed: 42,
      models,
      commit: 'c0ffee',
      now: () => new Date('2026-12-03T04:05:06.789Z'),
      onProgress: (label: string, done: number, total: number) =>
        progress.push(`${label} ${done}/${total}`),
    },
  };
};

describe('runEvals', () => {
  it('runs each suite on the rules, passing the data root and seed, with no model', async () => {
    const a = fakeSuite('specialty', false, () => outcome([metric({ id: 'x' })]));
    const { opts } = options([a.suite]);
    const run = await runEvals(opts);
    expect(a.seen).toHaveLength(1);
    expect(a.seen[0]?.dataRoot).toBe('/data');
    expect(a.seen[0]?.seed).toBe(42);
    expect(a.seen[0] && 'model' in a.seen[0]).toBe(false);
    expect(run).toMatchObject({
      createdAt: '2026-12-03T04:05:06.789Z',
      commit: 'c0ffee',
      seed: 42,
      paths: ['rules'],
      gate: { passed: true, failures: [] },
      warnings: [],
    });
    expect(run.id).toMatch(/^20261203T040506Z-[0-9a-f]{4}$/);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      suite: 'specialty',
      title: 'the specialty suite',
      path: 'rules',
      dataset: { name: 'fake', version: 'v1', cases: 10 },
      confusion: [],
      notes: [],
    });
    expect(run.results[0]?.llmCalls).toBeUndefined();
    expect(run.results[0]?.seconds).toBeGreaterThanOrEqual(0);
  });

  it('turns a suite that throws into a failing suite.ran metric and a note, and runs the others', async () => {
    const before = fakeSuite('specialty', false, () => outcome([metric({ id: 'x' })]));
    const broken = fakeSuite('matching', false, () => {
      throw new Error('dataset missing');
    });
    const after = fakeSuite('guardrails', false, () => outcome([metric({ id: 'y' })]));
    const { opts } = options([before.suite, broken.suite, after.suite]);
    const run = await runEvals(opts);

    expect(run.results.map((r) => r.suite)).toEqual(['specialty', 'matching', 'guardrails']);
    expect(after.seen).toHaveLength(1);
    const failed = run.results[1];
    expect(failed?.metrics).toEqual([
      expect.objectContaining({ id: 'suite.ran', value: 0, gate: { min: 1 }, status: 'fail' }),
    ]);
    expect(failed?.notes).toEqual(['The suite stopped: dataset missing']);
    expect(failed?.title).toBe('the matching suite');
    expect(run.gate.passed).toBe(false);
    expect(run.gate.failures).toEqual([
      'matching (rules) the suite ran to the end: 0 (wanted ≥ 1)',
    ]);
    expect(run.results[0]?.metrics[0]?.status).toBe('info');
    expect(run.results[2]?.metrics[0]?.id).toBe('y');
  });

  it('names the problem when a suite throws something that is not an Error', async () => {
    const broken = fakeSuite('phi', false, () => {
      throw 'no canaries';
    });
    const run = await runEvals(options([broken.suite]).opts);
    expect(run.results[0]?.notes).toEqual(['The suite stopped: no canaries']);
  });

  it('turns an outcome that is not a valid result into a failed suite', async () => {
    const bad = fakeSuite('drafting', false, () => outcome([metric({ id: 'x', n: -1 })]));
    const run = await runEvals(options([bad.suite]).opts);
    expect(run.results[0]?.metrics[0]).toMatchObject({ id: 'suite.ran', status: 'fail' });
    expect(run.gate.passed).toBe(false);
  });

  it('runs a suite that uses a model once per model, counting that suite’s LLM answers', async () => {
    const a: EvalModel = { model: modelNamed('a'), calls: { cached: 5, fresh: 2 } };
    const b: EvalModel = { model: modelNamed('b'), calls: { cached: 0, fresh: 0 } };
    const callsOf = new Map<string, LlmCallCounts>([
      ['a', a.calls],
      ['b', b.calls],
    ]);
    /** Each run on a model answers `cached` from the cache and `fresh` from the model. */
    const answering = (cached: number, fresh: number) => (ctx: SuiteContext) => {
      const calls = ctx.model ? callsOf.get(ctx.model.name) : undefined;
      if (calls) {
        calls.cached += cached;
        calls.fresh += fresh;
      }
      return outcome([metric({ id: 'x' })]);
    };
    const first = fakeSuite('specialty', true, answering(3, 1));
    const rulesOnly = fakeSuite('matching', false, answering(100, 100));
    const second = fakeSuite('guardrails', true, answering(2, 0));
    const { opts, progress } = options([first.suite, rulesOnly.suite, second.suite], [a, b]);
    const run = await runEvals(opts);

    expect(run.paths).toEqual(['rules', 'llm:a', 'llm:b']);
    expect(run.results.map((r) => `${r.suite} ${r.path}`)).toEqual([
      'specialty rules',
      'specialty llm:a',
      'specialty llm:b',
      'matching rules',
      'guardrails rules',
      'guardrails llm:a',
      'guardrails llm:b',
    ]);
    expect(first.seen.map((c) => c.model)).toEqual([undefined, a.model, b.model]);
    expect(first.seen[1]?.model).toBe(a.model);
    expect(rulesOnly.seen).toHaveLength(1);
    expect(run.results.map((r) => r.llmCalls)).toEqual([
      undefined,
      { cached: 3, fresh: 1 },
      { cached: 3, fresh: 1 },
      undefined,
      undefined,
      { cached: 2, fresh: 0 },
      { cached: 2, fresh: 0 },
    ]);
    expect(a.calls).toEqual({ cached: 10, fresh: 3 });
    expect(progress.filter((p) => p.endsWith(' 0/0'))).toEqual([
      'specialty (rules) 0/0',
      'specialty (llm:a) 0/0',
      'specialty (llm:b) 0/0',
      'matching (rules) 0/0',
      'guardrails (rules) 0/0',
      'guardrails (llm:a) 0/0',
      'guardrails (llm:b) 0/0',
    ]);
  });

  it('passes the suite’s progress on under its label', async () => {
    const s = fakeSuite('loop-closure', false, (ctx) => {
      ctx.progress(1, 3);
      ctx.progress(3, 3);
      return outcome([]);
    });
    const { opts, progress } = options([s.suite]);
    await runEvals(opts);
    expect(progress).toEqual([
      'loop-closure (rules) 0/0',
      'loop-closure (rules) 1/3',
      'loop-closure (rules) 3/3',
    ]);
  });

  it('fails the gate for a failing metric and warns for a missed threshold', async () => {
    const s = fakeSuite('specialty', true, (ctx) =>
      outcome([
        metric({
          id: 'top1',
          label: 'top-1',
          value: 0.75,
          gate: { min: 0.8 },
          status: ctx.model ? 'fail' : 'pass',
        }),
        metric({
          id: 'miles',
          label: 'median miles',
          unit: 'miles',
          value: 12.25,
          threshold: { max: 10 },
          status: 'warn',
        }),
        metric({ id: 'info', value: null, n: 0 }),
      ]),
    );
    const model: EvalModel = { model: modelNamed('m'), calls: { cached: 0, fresh: 0 } };
    const run = await runEvals(options([s.suite], [model]).opts);
    expect(run.gate).toEqual({
      passed: false,
      failures: ['specialty (llm:m) top-1: 0.75 (wanted ≥ 0.8)'],
    });
    expect(run.warnings).toEqual([
      'specialty (rules) median miles: 12.25 (wanted ≤ 10)',
      'specialty (llm:m) median miles: 12.25 (wanted ≤ 10)',
    ]);
  });
});

describe('summarize', () => {
  const resultWith = (metrics: MetricValue[]) => ({
    suite: 'phi',
    title: 'PHI',
    path: 'rules',
    dataset: { name: 'd', version: 'v', cases: 1 },
    metrics,
    confusion: [],
    histograms: [],
    tables: [],
    failures: [],
    notes: [],
    seconds: 0,
  });
  const base = { id: 'r', createdAt: 'now', commit: null, seed: 1, paths: ['rules'] };

  it('passes when every metric passes or only informs', () => {
    const run = summarize({
      ...base,
      results: [
        resultWith([metric({ id: 'a', status: 'pass' }), metric({ id: 'b', status: 'info' })]),
      ],
    });
    expect(run.gate).toEqual({ passed: true, failures: [] });
    expect(run.warnings).toEqual([]);
  });

  it('fails on a metric without a value, writing n/a', () => {
    const run = summarize({
      ...base,
      results: [
        resultWith([
          metric({ id: 'leaks', label: 'leaks', value: null, gate: { max: 0 }, status: 'fail' }),
        ]),
      ],
    });
    expect(run.gate).toEqual({ passed: false, failures: ['phi (rules) leaks: n/a (wanted ≤ 0)'] });
  });
});

describe('runIdAt, round and boundText', () => {
  it('makes a sortable id from the time and a random suffix', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(runIdAt(at)).toMatch(/^20260102T030405Z-[0-9a-f]{4}$/);
  });

  it('rounds to three decimals without trailing zeros, and large values to integers', () => {
    expect(round(0.8333333)).toBe('0.833');
    expect(round(6)).toBe('6');
    expect(round(10)).toBe('10');
    expect(round(12.5)).toBe('12.5');
    expect(round(1234.56)).toBe('1235');
  });

  it('writes a bound in words', () => {
    expect(boundText(undefined)).toBe('');
    expect(boundText({ min: 0.8 })).toBe('(wanted ≥ 0.8)');
    expect(boundText({ max: 0 })).toBe('(wanted ≤ 0)');
    expect(boundText({ min: 1, max: 2 })).toBe('(wanted 1–2)');
  });
});
