import { Hl7Context, Hl7Message, Hl7Segment } from '@medplum/core';
import type { Hl7Header, Hl7Problem } from '../../domain/index.js';
import { componentOf, hl7DateTime, MAX_ID_LENGTH } from './fields.js';

/** Largest message we read, in UTF-8 bytes. */
export const HL7_MAX_BYTES = 1024 * 1024;

/** Segment lines of a message: `\r` ends segments when present (a bare `\n` is then text), else `\n`. */
export function segmentLines(text: string): string[] {
  const lines = text.includes('\r') ? text.split(/\r\n?/) : text.split('\n');
  return lines.filter((line) => line.trim() !== '');
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}$/;
const BATCH_SEGMENTS = new Set(['FHS', 'FTS', 'BHS', 'BTS']);

export function isSegmentLine(line: string, fieldSeparator: string): boolean {
  return SEGMENT_ID.test(line.slice(0, 3)) && (line.length === 3 || line[3] === fieldSeparator);
}

export function isMshLine(line: string): boolean {
  return line.startsWith('MSH') && line.length >= 4;
}

/** MSH-1 and MSH-2, when they declare five distinct separators (plus an optional truncation one). */
export function encodingOf(msh: string): Hl7Context | undefined {
  const fieldSeparator = msh[3];
  if (fieldSeparator === undefined) return undefined;
  const end = msh.indexOf(fieldSeparator, 4);
  const declared = end < 0 ? msh.slice(4) : msh.slice(4, end);
  if (declared.length !== 4 && declared.length !== 5) return undefined;
  const chars = [fieldSeparator, ...declared];
  const usable = chars.every((c) => !/[\p{L}\p{N}\s]/u.test(c) && c.charCodeAt(0) >= 0x21);
  if (!usable || new Set(chars).size !== chars.length) return undefined;
  const [component, repetition, escapeCharacter, subcomponent] = declared;
  return new Hl7Context('\r', fieldSeparator, component, repetition, escapeCharacter, subcomponent);
}

export type Parsed =
  | { kind: 'unreadable'; problem: Hl7Problem }
  | { kind: 'rejected'; header: Hl7Header; problem: Hl7Problem; detail: string }
  | { kind: 'parsed'; header: Hl7Header; message: Hl7Message };

const headerValue = (segment: Hl7Segment, n: number, component = 1) => {
  const value = componentOf(segment, n, component) ?? '';
  return value.length > MAX_ID_LENGTH ? '' : value;
};

export function readHeader(msh: Hl7Segment, declared: string): Hl7Header {
  const sentAt = hl7DateTime(componentOf(msh, 7));
  return {
    controlId: headerValue(msh, 10),
    sendingApplication: headerValue(msh, 3),
    sendingFacility: headerValue(msh, 4),
    receivingApplication: headerValue(msh, 5),
    receivingFacility: headerValue(msh, 6),
    messageType: headerValue(msh, 9, 1),
    trigger: headerValue(msh, 9, 2),
    version: headerValue(msh, 12),
    processingId: headerValue(msh, 11),
    encodingCharacters: declared,
    ...(sentAt ? { sentAt } : {}),
  };
}

const rejected = (header: Hl7Header, problem: Hl7Problem, detail: string): Parsed => ({
  kind: 'rejected',
  header,
  problem,
  detail,
});

/**
 * Splits and tokenizes one message: a BOM and blank lines are ignored, the MSH's encoding
 * characters are honoured, and anything but a single well-formed message is refused.
 */
export function parseMessage(raw: string): Parsed {
  const bytes = Buffer.byteLength(raw, 'utf8');
  const text = raw.replace(/^\uFEFF/, '').replace(/^\s+/, '');
  if (text.trim() === '') return { kind: 'unreadable', problem: 'empty' };
  const lines = segmentLines(bytes > HL7_MAX_BYTES ? text.slice(0, 65_536) : text);
  const batch = BATCH_SEGMENTS.has(lines[0]?.slice(0, 3) ?? '');
  const first = batch ? lines.find(isMshLine) : lines[0];
  if (first === undefined || !isMshLine(first)) {
    return { kind: 'unreadable', problem: batch ? 'batch_not_supported' : 'no_msh' };
  }
  const context = encodingOf(first);
  if (!context) return { kind: 'unreadable', problem: 'bad_encoding_characters' };
  const mshSegment = Hl7Segment.parse(first, context);
  const declared = `${context.fieldSeparator}${first.slice(4).split(context.fieldSeparator)[0]}`;
  const header = readHeader(mshSegment, declared);
  if (bytes > HL7_MAX_BYTES) {
    return rejected(header, 'too_large', `The message exceeds ${HL7_MAX_BYTES} bytes.`);
  }
  const fs = context.fieldSeparator;
  const mshCount = lines.filter((line) => line.startsWith(`MSH${fs}`)).length;
  if (batch || mshCount > 1 || lines.some((l) => BATCH_SEGMENTS.has(l.slice(0, 3)))) {
    return rejected(
      header,
      'batch_not_supported',
      'One message per submission; batches are not read.',
    );
  }
  const bad = lines.findIndex((line) => !isSegmentLine(line, fs));
  if (bad >= 0) {
    return rejected(
      header,
      'malformed_segment',
      `Line ${bad + 1} does not start with a segment id.`,
    );
  }
  if (header.controlId === '') {
    const tooLong = (componentOf(mshSegment, 10) ?? '').length > MAX_ID_LENGTH;
    return tooLong
      ? rejected(header, 'malformed_field', `MSH-10 is longer than ${MAX_ID_LENGTH} characters.`)
      : rejected(header, 'missing_control_id', 'MSH-10 (message control id) is empty.');
  }
  const segments = lines.map((line, i) => (i === 0 ? mshSegment : Hl7Segment.parse(line, context)));
  return { kind: 'parsed', header, message: new Hl7Message(segments, context) };
}
