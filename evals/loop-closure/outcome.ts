import { LOOP_EVENT_TYPES } from '../../src/domain/index.js';
import {
  countMetric,
  type MetricSpec,
  minRatio,
  rateMetric,
  ratioMetric,
} from '../core/metrics.js';
import type { ConfusionMatrix, MetricValue, SuiteOutcome, Table } from '../core/suite.js';
import type { ExpectedEvent, LoopLabel } from './labels.js';
import type { MatchRecord } from './match-messages.js';
import type { SampleReading } from './read-samples.js';

export const LOOP_METRICS = {
  eventAccuracy: minRatio('event-accuracy', 'Public samples parsed to the expected loop event', {
    threshold: 0.9,
  }),
  eventRecall: minRatio('event-recall', 'Samples that report an event parsed to that event', {
    threshold: 0.9,
  }),
  spurious: {
    id: 'spurious-events',
    label: 'Samples reporting nothing that produced a loop event',
    better: 'lower',
    unit: 'count',
    threshold: { max: 0 },
  },
  parseFailures: {
    id: 'parse-failures',
    label: 'Samples the readers failed on (beyond unsupported types and fragments)',
    better: 'lower',
    unit: 'count',
    gate: { max: 0 },
  },
  documentKind: minRatio('ccda-document-kind', 'C-CDA documents read as the right kind', {
    threshold: 0.9,
  }),
  extraction: minRatio('ccda-extraction', 'C-CDA fields extracted where the document has them', {
    threshold: 0.9,
  }),
  author: minRatio('ccda-author', 'C-CDA author extracted', {}),
  encounterDate: minRatio('ccda-encounter-date', 'C-CDA encounter date extracted', {}),
  assessmentPlan: minRatio('ccda-assessment-plan', 'C-CDA assessment or plan extracted', {}),
  spuriousAssessment: {
    id: 'ccda-assessment-plan-spurious',
    label: 'C-CDA documents with no assessment or plan given one',
    better: 'lower',
    unit: 'count',
  },
  generatedEvents: minRatio(
    'generated-event-accuracy',
    'Generated messages parsed to their event',
    {
      threshold: 1,
    },
  ),
  precision: minRatio('match-precision', 'Filed messages filed against the right referral', {
    gate: 1,
  }),
  recall: minRatio('match-recall', 'Messages for one referral filed against it', {
    threshold: 0.95,
  }),
  routing: minRatio('coordinator-routing', 'Unmatchable messages routed to a coordinator task', {
    threshold: 1,
  }),
} satisfies Record<string, MetricSpec>;

const NONE = '(none)';
const MAX_FAILURES = 50;

/** Expected (rows) against parsed (columns) event, over the kinds that occur; `(none)` last. */
export function eventConfusion(readings: readonly SampleReading[]): ConfusionMatrix {
  const seen = new Set<ExpectedEvent>(readings.flatMap((r) => [r.expected, r.parsed]));
  const kinds = LOOP_EVENT_TYPES.filter((k) => seen.has(k));
  const labels = [...kinds, NONE];
  const index = (e: ExpectedEvent) => (e === 'none' ? kinds.length : kinds.indexOf(e));
  const counts = labels.map(() => labels.map(() => 0));
  for (const r of readings) {
    const row = counts[index(r.expected)];
    if (row) row[index(r.parsed)] = (row[index(r.parsed)] ?? 0) + 1;
  }
  return {
    title: 'Public samples: expected (rows) vs parsed (columns) loop event',
    labels,
    counts,
  };
}

const filedAgainst = (r: MatchRecord) => (r.match?.kind === 'matched' ? r.match.referralId : null);

function matchingTable(records: readonly MatchRecord[]): Table {
  const outcome = (r: MatchRecord) => {
    if (r.unread) return `unread (${r.unread})`;
    const m = r.match;
    if (!m) return 'not matched';
    if (m.kind === 'matched') return `${m.referralId} (by ${m.by})`;
    if (m.kind === 'ambiguous') return `ambiguous: ${m.referralIds.join(', ')}`;
    return m.reason === 'patient_mismatch'
      ? `patient mismatch: ${m.referralIds.join(', ')}`
      : `unmatched: ${m.reason}`;
  };
  return {
    title: 'Generated messages: expected referral and outcome',
    columns: ['case', 'expected', 'outcome', 'right'],
    rows: records.map((r) => [
      r.caseId,
      r.expected ?? 'coordinator',
      outcome(r),
      filedAgainst(r) === r.expected ? 'yes' : 'no',
    ]),
  };
}

/** The suite's outcome from the samples' readings and the generated messages' matches. */
export function loopClosureOutcome(
  labels: readonly LoopLabel[],
  readings: readonly SampleReading[],
  records: readonly MatchRecord[],
  dataset: { name: string; version: string },
  seed: number,
): SuiteOutcome {
  const m = LOOP_METRICS;
  const at = (offset: number) => seed + offset;
  const right = (r: SampleReading) => r.parsed === r.expected;
  const eventful = readings.filter((r) => r.expected !== 'none');
  const documents = readings.flatMap((r, i) => {
    const label = labels[i];
    return label?.format === 'ccda' && label.documentKind ? [{ r, label }] : [];
  });
  const field = (key: 'author' | 'encounterDate' | 'assessmentPlan') =>
    documents
      .filter(({ label }) => label.format === 'ccda' && label.extract?.[key])
      .map(({ r }) => r.extraction?.[key] === true);
  const fields = [field('author'), field('encounterDate'), field('assessmentPlan')];
  const forOne = records.filter((r) => r.expected !== null);
  const forNone = records.filter((r) => r.expected === null);
  const filed = records.filter((r) => filedAgainst(r) !== null);

  const metrics: MetricValue[] = [
    rateMetric(m.eventAccuracy, readings.map(right), at(1)),
    rateMetric(m.eventRecall, eventful.map(right), at(2)),
    countMetric(
      m.spurious,
      readings.filter((r) => r.expected === 'none' && r.parsed !== 'none').length,
      readings.length - eventful.length,
    ),
    countMetric(m.parseFailures, readings.filter((r) => r.parseFailure).length, readings.length),
    rateMetric(
      m.documentKind,
      documents.map(({ r, label }) => r.documentKind === label.documentKind),
      at(3),
    ),
    ratioMetric(
      m.extraction,
      documents.map(({ r, label }) => {
        const want = label.format === 'ccda' ? label.extract : undefined;
        const keys = (['author', 'encounterDate', 'assessmentPlan'] as const).filter(
          (k) => want?.[k],
        );
        return { num: keys.filter((k) => r.extraction?.[k]).length, den: keys.length };
      }),
      at(4),
    ),
    rateMetric(m.author, fields[0] ?? [], at(5)),
    rateMetric(m.encounterDate, fields[1] ?? [], at(6)),
    rateMetric(m.assessmentPlan, fields[2] ?? [], at(7)),
    countMetric(
      m.spuriousAssessment,
      documents.filter(
        ({ r, label }) =>
          label.format === 'ccda' &&
          label.extract?.assessmentPlan === false &&
          r.extraction?.assessmentPlan === true,
      ).length,
      documents.length,
    ),
    rateMetric(
      m.generatedEvents,
      records.map((r) => r.parsedEvent === r.expectedEvent),
      at(8),
    ),
    rateMetric(
      m.precision,
      filed.map((r) => filedAgainst(r) === r.expected),
      at(9),
    ),
    rateMetric(
      m.recall,
      forOne.map((r) => filedAgainst(r) === r.expected),
      at(10),
    ),
    rateMetric(
      m.routing,
      forNone.map((r) => !r.unread && r.match?.kind !== 'matched'),
      at(11),
    ),
  ];

  const sampleFailures = readings.flatMap((r, i) => {
    const why = labels[i]?.why ?? '';
    const out = [];
    if (r.parseFailure) out.push({ caseId: r.path, problem: `reader failed: ${r.parseFailure}` });
    if (!right(r))
      out.push({ caseId: r.path, problem: `expected ${r.expected}, parsed ${r.parsed} (${why})` });
    return out;
  });
  const extractionFailures = documents.flatMap(({ r, label }) => {
    const want = label.format === 'ccda' ? label.extract : undefined;
    return (['author', 'encounterDate', 'assessmentPlan'] as const)
      .filter((k) => want && want[k] !== (r.extraction?.[k] ?? false))
      .map((k) => ({
        caseId: r.path,
        problem: `${k} ${want?.[k] ? 'present but not extracted' : 'absent but extracted'} (${label.why})`,
      }));
  });
  const matchFailures = records.flatMap((r) => {
    if (filedAgainst(r) === r.expected && !r.unread) return [];
    const got =
      filedAgainst(r) ?? (r.unread ? `unread: ${r.unread}` : (r.match?.kind ?? 'nothing'));
    return [
      { caseId: r.caseId, problem: `expected ${r.expected ?? 'a coordinator task'}, got ${got}` },
    ];
  });

  return {
    dataset: { ...dataset, cases: readings.length + records.length },
    metrics,
    confusion: [eventConfusion(readings)],
    tables: [matchingTable(records)],
    failures: [...matchFailures, ...sampleFailures, ...extractionFailures].slice(0, MAX_FAILURES),
    notes: [
      `${readings.length} public samples (${labels.filter((l) => l.format === 'hl7v2').length} HL7 v2, ${labels.filter((l) => l.format === 'ccda').length} C-CDA files) labelled by reading them; ${records.length} generated HL7 v2 messages matched against the generated referrals, held in an in-memory store (its real party index and statuses).`,
      'A C-CDA file is parsed as the upload reads it: any readable ClinicalDocument is filed as consult_received; referral requests (Referral Note) are labelled none.',
      'Routing: the HL7 intake turns every unmatched or ambiguous message into an unmatched_message coordinator task (graph/inbound/receive-hl7.ts), so a message not filed is a routed one.',
      'Match precision counts every message filed against a referral; a message that should have gone to a coordinator and was filed counts against it.',
    ],
  };
}
