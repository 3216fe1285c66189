import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hl7Context, Hl7Message } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { buildHl7Message, HL7_VERSIONS } from '../../../test/support/hl7-messages.js';
import { hl7MutationCorpus } from '../../../test/support/hl7-mutations.js';
import { CLINICAL_MESSAGE_TYPES, Hl7Reading } from '../../domain/index.js';
import { ackCodeFor, buildHl7Ack } from './ack.js';
import { unescapeHl7 } from './fields.js';
import { readHl7Message } from './read-message.js';

const DIR = fileURLToPath(
  new URL('../../../../shared/data/fhir-converter-samples/hl7v2/', import.meta.url),
);
const samples = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.hl7'))
      .map((f) => readFileSync(`${DIR}${f}`, 'utf8'))
  : [];
const generated = CLINICAL_MESSAGE_TYPES.flatMap((type) =>
  HL7_VERSIONS.map((version) =>
    buildHl7Message({ type, version, controlId: `G-${type}-${version}`, family: 'Doe|^&~\\' }),
  ),
);
const CASES = 1500;
const corpus = hl7MutationCorpus([...samples, ...generated], CASES, 20_261_203);
const standard = new Hl7Context();

/** What went wrong with one case; undefined when everything held. */
function check(raw: string): string | undefined {
  let reading: Hl7Reading;
  try {
    reading = readHl7Message(raw);
  } catch (error) {
    return `readHl7Message threw ${String(error)}`;
  }
  if (!Hl7Reading.safeParse(reading).success) return 'the reading does not fit Hl7Reading';
  if (reading.kind !== 'read' && reading.problem === 'internal_error') return 'internal_error';
  const header = reading.kind === 'unreadable' ? null : reading.header;
  const code = reading.kind === 'read' ? 'AA' : ackCodeFor(reading.problem);
  try {
    const problem = reading.kind === 'read' ? {} : { problem: reading.problem };
    const ack = buildHl7Ack(header, code, problem);
    const parsed = Hl7Message.parse(ack);
    const msa = parsed.getSegment('MSA');
    if (!msa || !['AA', 'AE', 'AR'].includes(msa.getComponent(1, 1))) return 'ACK without MSA-1';
    if (msa.getComponent(1, 1) !== code) return 'ACK code differs';
    const echoed = unescapeHl7(msa.getComponent(2, 1), standard);
    if (echoed !== (header?.controlId ?? '')) return 'MSA-2 is not the original control id';
    if (parsed.segments.length !== (code === 'AA' ? 2 : 3)) return 'unexpected ACK segments';
    const again = readHl7Message(ack);
    if (again.kind !== 'rejected' || again.header.messageType !== 'ACK')
      return 'ACK does not read back';
  } catch (error) {
    return `the ACK failed: ${String(error)}`;
  }
  return undefined;
}

describe(`mutation corpus (${CASES} damaged messages, seed 20261203)`, () => {
  it('derives from the samples and the generated messages', () => {
    expect(generated).toHaveLength(CLINICAL_MESSAGE_TYPES.length * HL7_VERSIONS.length);
    expect(corpus).toHaveLength(CASES);
    expect(new Set(corpus.map((c) => c.raw)).size).toBeGreaterThan(1000);
  });

  it('never throws, always gives one of the three readings, and always gets a valid ACK', () => {
    const failures: Array<{ kind: string; why: string; raw: string }> = [];
    const byKind = new Map<string, number>();
    const byOutcome = new Map<string, number>();
    for (const { kind, raw } of corpus) {
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      const why = check(raw);
      if (why) failures.push({ kind, why, raw: raw.slice(0, 300) });
      const reading = readHl7Message(raw);
      const outcome = reading.kind === 'read' ? 'read' : `${reading.kind}:${reading.problem}`;
      byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(failures).toHaveLength(0);
    const total = [...byKind.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(1000);
    for (const kind of [
      'truncated',
      'delimiters_replaced',
      'random_characters',
      'huge_field',
      'unknown_type',
      'duplicated_msh',
      'wrong_encoding_characters',
      'segments_dropped_or_rotated',
      'empty',
      'whitespace',
      'binary_garbage',
    ]) {
      expect(byKind.get(kind), kind).toBeGreaterThan(0);
    }
    for (const outcome of [
      'read',
      'unreadable:empty',
      'unreadable:no_msh',
      'unreadable:bad_encoding_characters',
      'rejected:too_large',
      'rejected:batch_not_supported',
      'rejected:unsupported_message_type',
      'rejected:malformed_segment',
    ]) {
      expect(byOutcome.get(outcome), outcome).toBeGreaterThan(0);
    }
  }, 60_000);
});
