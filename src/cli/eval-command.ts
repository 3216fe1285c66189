import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BiasAuditStore,
  cachingFetch,
  compareRuns,
  EVAL_SUITES,
  type EvalModel,
  pushToLangfuse,
  readRun,
  runBiasAudit,
  runDriftCheck,
  runEvals,
  runIdAt,
  runLines,
  SuiteName,
  type SuiteResult,
  suiteLines,
  summarize,
  writeRun,
} from '../../evals/index.js';
import { createChatModel } from '../adapters/llm/index.js';
import { openStore } from '../adapters/store/index.js';
import type { Config } from '../config.js';
import { createProgress, type Progress } from './progress.js';

type Flags = Record<string, string | boolean | string[] | undefined>;

export interface EvalIo {
  out: (line: string) => void;
  /** Progress and warnings. */
  err: NodeJS.WriteStream;
  now: () => Date;
}

export const EVAL_USAGE = `usage: referrals eval <run|compare|bias|drift> …
  eval run [suite…] [--no-llm | --model NAME…] [--seed N] [--baseline RUN|latest|none] [--data DIR] [--reports DIR] [--json] [--no-langfuse]
      suites: ${SuiteName.options.join(', ')} (default: all)
  eval compare <run> <run> [--json]
  eval bias [--seed N] [--data DIR] [--reports DIR] [--json]
  eval drift [--current-days N (7)] [--baseline-days N (28)] [--no-task] [--reports DIR] [--json]`;

const DEFAULT_SEED = 20261203;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const str = (v: Flags[string]) => (typeof v === 'string' ? v : undefined);
const list = (v: Flags[string]) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

class UsageError extends Error {}

function intFlag(flags: Flags, name: string, fallback: number): number {
  const raw = str(flags[name]);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} takes a whole number, not "${raw}"`);
  return n;
}

export const reportsDirOf = (flags: Flags) =>
  str(flags.reports) ?? join(REPO_ROOT, 'evals', 'reports');
export const dataRootOf = (flags: Flags) =>
  str(flags.data) ?? join(REPO_ROOT, '..', 'shared', 'data');

function commitOf(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/**
 * The models the LLM path runs with: `--model` names on the configured endpoint, else the configured
 * model (skipped with `--no-llm`); none without an endpoint, unless `--llm` or `--model` asks for one.
 */
function modelsOf(config: Config, flags: Flags, cacheDir: string): EvalModel[] {
  const names = list(flags.model);
  const asked = Boolean(flags.llm) || names.length > 0;
  const llm = config.llm;
  if (!llm) {
    if (asked)
      throw new UsageError(
        'the LLM path needs a model: set OPENAI_API_KEY (and LLM_MODEL or --model)',
      );
    return [];
  }
  if (flags['no-llm'] && !asked) return [];
  return (names.length > 0 ? names : [llm.model]).map((name) => {
    const cache = cachingFetch(cacheDir);
    return {
      model: {
        chat: createChatModel({ ...llm, model: name }, { fetch: cache.fetch }),
        name,
        structuredOutput: llm.structuredOutput,
        timeoutMs: llm.timeoutMs,
        zeroRetention: llm.zeroRetention,
      },
      calls: cache.counts,
    };
  });
}

/** One progress line per suite and path, finished when the next starts. */
function progressReporter(stream: NodeJS.WriteStream) {
  let current: { label: string; line: Progress } | null = null;
  return {
    onProgress(label: string, done: number, total: number) {
      if (current?.label !== label) {
        current?.line.finish('done');
        current = { label, line: createProgress(`eval ${label}`, stream) };
      }
      if (total > 0) current.line.update(done, `of ${total} cases`);
    },
    finish() {
      current?.line.finish('done');
      current = null;
    },
  };
}

async function run(config: Config, args: string[], flags: Flags, io: EvalIo): Promise<number> {
  const unknown = args.filter((a) => !SuiteName.safeParse(a).success);
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown suite ${unknown.map((u) => `"${u}"`).join(', ')}; suites: ${SuiteName.options.join(', ')}`,
    );
  }
  const suites = args.length === 0 ? EVAL_SUITES : EVAL_SUITES.filter((s) => args.includes(s.name));
  const reportsDir = reportsDirOf(flags);
  const models = modelsOf(config, flags, join(reportsDir, '.llm-cache'));
  const progress = progressReporter(io.err);
  const evalRun = await runEvals({
    suites,
    dataRoot: dataRootOf(flags),
    seed: intFlag(flags, 'seed', DEFAULT_SEED),
    models,
    commit: commitOf(),
    now: io.now,
    onProgress: progress.onProgress,
  });
  progress.finish();
  const baselineRef = str(flags.baseline) ?? 'latest';
  let baseline = null;
  if (baselineRef !== 'none') {
    try {
      baseline = readRun(baselineRef, reportsDir, evalRun.id);
    } catch (error) {
      if (baselineRef !== 'latest') throw new UsageError((error as Error).message);
    }
  }
  const comparison = baseline ? compareRuns(baseline, evalRun) : null;
  const written = writeRun(evalRun, comparison, reportsDir);
  if (flags.json) io.out(JSON.stringify({ ...evalRun, comparison }, null, 2));
  else for (const line of runLines(evalRun, comparison)) io.out(line);
  io.out(`report: ${written.html}\n        ${written.json}`);
  if (config.tracing && !flags['no-langfuse']) {
    try {
      const pushed = await pushToLangfuse(evalRun, config.tracing);
      io.out(
        `langfuse: ${pushed.runItems} experiment run item(s), ${pushed.scores} score(s) in ${pushed.datasets} dataset(s)`,
      );
    } catch (error) {
      io.err.write(`langfuse: not pushed (${(error as Error).message})\n`);
    }
  }
  return evalRun.gate.passed ? 0 : 1;
}

async function compare(args: string[], flags: Flags, io: EvalIo): Promise<number> {
  const [a, b] = args;
  if (!a || !b || args.length > 2)
    throw new UsageError('usage: referrals eval compare <baseline run> <run>');
  const reportsDir = reportsDirOf(flags);
  const read = (ref: string) => {
    try {
      return readRun(ref, reportsDir);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  const comparison = compareRuns(read(a), read(b));
  if (flags.json) {
    io.out(JSON.stringify(comparison, null, 2));
  } else {
    io.out(
      `${comparison.baseline} → ${comparison.current}: ${comparison.regressions} regression(s)`,
    );
    for (const r of comparison.rows.filter((x) => x.verdict !== 'same')) {
      const v = (x: number | null) => (x === null ? 'n/a' : String(Math.round(x * 1000) / 1000));
      io.out(
        `  ${r.verdict.padEnd(9)} ${r.suite} [${r.path}] ${r.label}: ${v(r.baseline)} → ${v(r.current)}${r.why ? ` (${r.why})` : ''}`,
      );
    }
  }
  return comparison.regressions === 0 ? 0 : 1;
}

/** A one-report run (bias, drift) written and printed like a suite run; the exit code is the caller's. */
function report(result: SuiteResult, flags: Flags, io: EvalIo) {
  const createdAt = io.now();
  const single = summarize({
    id: runIdAt(createdAt),
    createdAt: createdAt.toISOString(),
    commit: commitOf(),
    seed: intFlag(flags, 'seed', DEFAULT_SEED),
    paths: [result.path],
    results: [result],
  });
  const written = writeRun(single, null, join(reportsDirOf(flags), result.suite));
  if (flags.json) io.out(JSON.stringify(single, null, 2));
  else {
    for (const line of suiteLines(result)) io.out(line);
    for (const note of result.notes) io.out(`  · ${note}`);
  }
  io.out(`report: ${written.html}`);
  return single;
}

async function bias(config: Config, flags: Flags, io: EvalIo): Promise<number> {
  const opened = await openStore(config.store);
  try {
    const store: BiasAuditStore = {
      practiceId: config.webhook.practiceId,
      analytics: opened.store.analytics,
    };
    const progress = progressReporter(io.err);
    const result = await runBiasAudit({
      dataRoot: dataRootOf(flags),
      seed: intFlag(flags, 'seed', DEFAULT_SEED),
      store,
      progress: (done, total) => progress.onProgress('bias audit', done, total),
    });
    progress.finish();
    return report(result, flags, io).gate.passed ? 0 : 1;
  } finally {
    await opened.close();
  }
}

async function drift(config: Config, flags: Flags, io: EvalIo): Promise<number> {
  const opened = await openStore(config.store);
  try {
    const check = await runDriftCheck({
      store: opened,
      practiceId: config.webhook.practiceId,
      now: io.now(),
      baselineDays: intFlag(flags, 'baseline-days', 28),
      currentDays: intFlag(flags, 'current-days', 7),
      openTask: !flags['no-task'],
    });
    report(check.result, flags, io);
    for (const alert of check.alerts) io.out(`ALERT ${alert}`);
    if (check.task) io.out(`task: ${check.task.id} (${check.task.title})`);
    return check.alerts.length === 0 ? 0 : 1;
  } finally {
    await opened.close();
  }
}

/** `referrals eval …`: the exit code (0 ok, 1 a gate failed / a regression / drift, 2 bad usage). */
export async function evalCommand(
  config: Config,
  [sub, ...args]: string[],
  flags: Flags,
  io: EvalIo,
): Promise<number> {
  try {
    switch (sub) {
      case 'run':
        return await run(config, args, flags, io);
      case 'compare':
        return await compare(args, flags, io);
      case 'bias':
        return await bias(config, flags, io);
      case 'drift':
        return await drift(config, flags, io);
      default:
        throw new UsageError(sub ? `unknown eval command "${sub}"` : 'which eval command?');
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`referrals eval: ${error.message}\n\n${EVAL_USAGE}\n`);
    return 2;
  }
}
