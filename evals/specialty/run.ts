/**
 * Scores the specialty rules on the development set (or another dataset) and prints a report.
 * Usage: npx tsx evals/specialty/run.ts [--json] [--gate] [--dataset <path.jsonl>]
 *   --gate: exit 1 when a threshold is missed; --dataset: score that file instead of the dev set
 */
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { inferSpecialty } from '../../retrieval/index.js';
import {
  type CaseResult,
  DEV_SET_URL,
  evaluate,
  fmt,
  gateFailures,
  loadDevSet,
  type Metrics,
  THRESHOLDS,
} from './score.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    gate: { type: 'boolean', default: false },
    dataset: { type: 'string' },
  },
});

const datasetUrl = args.dataset === undefined ? DEV_SET_URL : pathToFileURL(resolve(args.dataset));
const cases = loadDevSet(datasetUrl);
const metrics = evaluate(cases, inferSpecialty);
const missed = gateFailures(metrics);

if (args.json) {
  const dataset = basename(datasetUrl.pathname);
  console.log(JSON.stringify({ dataset, thresholds: THRESHOLDS, gate: missed, metrics }, null, 2));
} else {
  console.log(report(metrics, missed));
}
if (args.gate && missed.length > 0) process.exitCode = 1;

function report(m: Metrics, gate: string[]): string {
  const conditions = new Set(cases.flatMap((c) => c.tags.filter((t) => t.startsWith('cond:'))));
  const lines = [
    `Specialty ${basename(datasetUrl.pathname)}: ${m.cases} cases, ${conditions.size} conditions`,
    '',
    `preferred precision (micro)  ${fmt(m.preferredPrecision)}`,
    `preferred recall (micro)     ${fmt(m.preferredRecall)}`,
    `top-1 accuracy               ${fmt(m.top1)}`,
    `plan recall                  ${fmt(m.planRecall)}`,
    `fallback-tier recall         ${fmt(m.fallbackRecall)}`,
    `negation false positives     ${m.negationFalsePositives.count} of ${m.negationFalsePositives.of} negation cases${m.negationFalsePositives.ids.length > 0 ? ` (${m.negationFalsePositives.ids.join(', ')})` : ''}`,
    `urgent precision             ${fmt(m.urgentPrecision)}`,
    `urgent recall                ${fmt(m.urgentRecall)}`,
    `empty-plan accuracy (none)   ${fmt(m.emptyPlanAccuracy)}`,
    `cases passing every check    ${fmt(m.passed)}`,
    '',
    gate.length === 0 ? 'gate: PASS' : `gate: FAIL\n${gate.map((g) => `  - ${g}`).join('\n')}`,
    '',
    'per specialty (preferred tier)      support  predicted  precision          recall',
    ...Object.entries(m.perSpecialty).map(
      ([key, s]) =>
        `  ${key.padEnd(33)} ${String(s.support).padStart(7)}  ${String(s.predicted).padStart(9)}  ${fmt(s.precision).padEnd(17)}  ${fmt(s.recall)}`,
    ),
    '',
    'cases passing, by tag',
    ...Object.entries(m.passByTag).map(([tag, r]) => `  ${tag.padEnd(33)} ${fmt(r)}`),
    '',
    `failing cases (${m.failures.length})`,
    ...m.failures.map(describe),
  ];
  return lines.join('\n');
}

function describe(r: CaseResult): string {
  const e = r.expected;
  const expected = r.none
    ? 'nothing'
    : [
        `preferred ${e.preferred.join('+')}`,
        e.fallback.length > 0 ? `fallback ${e.fallback.join('+')}` : '',
        e.also.length > 0 ? `also ${e.also.join('+')}` : '',
        e.absent.length > 0 ? `never ${e.absent.join('+')}` : '',
        r.urgent ? 'urgent' : '',
      ]
        .filter((s) => s !== '')
        .join('; ');
  const got =
    r.plan.length === 0
      ? 'empty plan'
      : r.plan.map((p) => (p.tier === 'fallback' ? `(${p.key})` : p.key)).join(' ');
  const urgent = r.urgentCondition === null ? '' : ` [urgent: ${r.urgentCondition}]`;
  return `  ${r.id}: ${r.problems.join('; ')}\n      expected ${expected}\n      got      ${got}${urgent}`;
}
