import { describe, expect, it } from 'vitest';
import type { LoopLabel } from './labels.js';
import type { MatchRecord } from './match-messages.js';
import { eventConfusion, loopClosureOutcome } from './outcome.js';
import type { SampleReading } from './read-samples.js';

const hl7 = (path: string, expected: LoopLabel['expected']): LoopLabel => ({
  path,
  format: 'hl7v2',
  expected,
  why: 'hand-made',
});
const reading = (
  path: string,
  expected: SampleReading['expected'],
  parsed: SampleReading['parsed'],
  parseFailure: string | null = null,
): SampleReading => ({ path, format: 'hl7v2', expected, parsed, parseFailure });

const record = (
  caseId: string,
  expected: string | null,
  match: MatchRecord['match'],
): MatchRecord => ({
  caseId,
  expected,
  unread: null,
  expectedEvent: 'scheduled',
  parsedEvent: 'scheduled',
  match,
});
const filed = (referralId: string) => ({ kind: 'matched', referralId, by: 'patient' }) as const;
const unmatched = { kind: 'unmatched', reason: 'no_referral' } as const;

const LABELS = [hl7('a', 'scheduled'), hl7('b', 'seen'), hl7('c', 'none'), hl7('d', 'none')];
const READINGS = [
  reading('a', 'scheduled', 'scheduled'),
  reading('b', 'seen', 'none'),
  reading('c', 'none', 'consult_received'),
  reading('d', 'none', 'none'),
];
const RIGHT = [record('m1', 'r1', filed('r1')), record('m2', null, unmatched)];

const outcome = (readings = READINGS, records = RIGHT, labels = LABELS) =>
  loopClosureOutcome(labels, readings, records, { name: 't', version: 'v' }, 3);
const metric = (o: ReturnType<typeof outcome>, id: string) => o.metrics.find((m) => m.id === id);

describe('loopClosureOutcome', () => {
  it('scores event accuracy, recall and spurious events on hand-made readings', () => {
    const o = outcome();
    expect(metric(o, 'event-accuracy')).toMatchObject({ value: 0.5, n: 4, status: 'warn' });
    expect(metric(o, 'event-recall')).toMatchObject({ value: 0.5, n: 2 });
    expect(metric(o, 'spurious-events')).toMatchObject({ value: 1, status: 'warn' });
    expect(metric(o, 'parse-failures')).toMatchObject({ value: 0, status: 'pass' });
  });

  it('fails the parse-failure gate when a reader fails', () => {
    const failed = [...READINGS.slice(1), reading('a', 'scheduled', 'none', 'malformed_field')];
    const o = outcome(failed, RIGHT, [...LABELS.slice(1), hl7('a', 'scheduled')]);
    expect(metric(o, 'parse-failures')).toMatchObject({ value: 1, status: 'fail' });
  });

  it('passes precision, recall and routing when every message goes where it should', () => {
    const o = outcome();
    expect(metric(o, 'match-precision')).toMatchObject({ value: 1, n: 1, status: 'pass' });
    expect(metric(o, 'match-recall')).toMatchObject({ value: 1, status: 'pass' });
    expect(metric(o, 'coordinator-routing')).toMatchObject({ value: 1, status: 'pass' });
  });

  it('fails the precision gate for a message filed against the wrong referral', () => {
    const wrong = [record('m1', 'r1', filed('r2')), record('m2', null, filed('r1'))];
    const o = outcome(READINGS, wrong);
    expect(metric(o, 'match-precision')).toMatchObject({ value: 0, n: 2, status: 'fail' });
    expect(metric(o, 'match-recall')).toMatchObject({ value: 0 });
    expect(metric(o, 'coordinator-routing')).toMatchObject({ value: 0, status: 'warn' });
    expect(o.failures).toContainEqual({
      caseId: 'm2',
      problem: 'expected a coordinator task, got r1',
    });
  });

  it('counts an ambiguous message as routed, and a missed match against recall only', () => {
    const ambiguous: MatchRecord['match'] = { kind: 'ambiguous', referralIds: ['r1', 'r2'] };
    const o = outcome(READINGS, [record('m1', 'r1', unmatched), record('m2', null, ambiguous)]);
    expect(metric(o, 'match-precision')).toMatchObject({ value: null, n: 0 });
    expect(metric(o, 'match-recall')).toMatchObject({ value: 0, n: 1 });
    expect(metric(o, 'coordinator-routing')).toMatchObject({ value: 1 });
  });

  it('scores C-CDA extraction over the fields each document has', () => {
    const doc = (path: string, assessmentPlan: boolean): LoopLabel => ({
      path,
      format: 'ccda',
      expected: 'consult_received',
      documentKind: 'consult_note',
      extract: { author: true, encounterDate: true, assessmentPlan },
      why: 'hand-made',
    });
    const read = (path: string, assessmentPlan: boolean): SampleReading => ({
      path,
      format: 'ccda',
      expected: 'consult_received',
      parsed: 'consult_received',
      parseFailure: null,
      documentKind: 'consult_note',
      extraction: { author: true, encounterDate: false, assessmentPlan },
    });
    const o = outcome([read('x', false), read('y', true)], RIGHT, [
      doc('x', true),
      doc('y', false),
    ]);
    // x: author yes, date no, plan no (1 of 3); y: author yes, date no (1 of 2).
    expect(metric(o, 'ccda-extraction')).toMatchObject({ value: 2 / 5, n: 2 });
    expect(metric(o, 'ccda-encounter-date')).toMatchObject({ value: 0, n: 2 });
    expect(metric(o, 'ccda-assessment-plan-spurious')).toMatchObject({ value: 1 });
  });
});

describe('eventConfusion', () => {
  it('puts expected in rows and parsed in columns, none last', () => {
    expect(eventConfusion(READINGS)).toEqual({
      title: expect.any(String),
      labels: ['scheduled', 'seen', 'consult_received', '(none)'],
      counts: [
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 0],
        [0, 0, 1, 1],
      ],
    });
  });
});
