import { randomBytes } from 'node:crypto';
import type { Hl7AckCode, Hl7Header, Hl7Problem } from '../../domain/index.js';
import { escapeHl7, formatHl7DateTime } from './fields.js';

export interface Hl7AckOptions {
  /** Why the message was not accepted (AE/AR); names the ERR code and the default text. */
  problem?: Hl7Problem;
  /** MSA-3 / ERR-8 text; must not carry message content. Cut to 80 characters. */
  text?: string;
  /** MSH-7 of the ACK. */
  now?: Date;
  /** MSH-10 of the ACK; a random id when absent. */
  controlId?: string;
}

/** AR for what the receiver refuses to process at all, AE for content it found wrong. */
export function ackCodeFor(problem: Hl7Problem): Hl7AckCode {
  return problem === 'missing_required_field' ||
    problem === 'malformed_field' ||
    problem === 'unreadable_document'
    ? 'AE'
    : 'AR';
}

/** HL7 table 0357 code, default text and (for MSH fields) location of each problem. */
const PROBLEM_ERRORS: Record<Hl7Problem, { code: string; text: string; field?: number }> = {
  empty: { code: '100', text: 'Empty message' },
  too_large: { code: '207', text: 'Message too large' },
  no_msh: { code: '100', text: 'No MSH segment' },
  bad_encoding_characters: { code: '102', text: 'Invalid encoding characters', field: 2 },
  batch_not_supported: { code: '207', text: 'Batches are not accepted; send one message' },
  malformed_segment: { code: '100', text: 'Malformed segment' },
  missing_control_id: { code: '101', text: 'Message control id missing', field: 10 },
  unsupported_version: { code: '203', text: 'Unsupported version id', field: 12 },
  unsupported_message_type: { code: '200', text: 'Unsupported message type', field: 9 },
  missing_required_field: { code: '101', text: 'Required field missing' },
  malformed_field: { code: '102', text: 'Data type error' },
  internal_error: { code: '207', text: 'Application internal error' },
  unauthorized: { code: '207', text: 'Sending facility not accepted', field: 4 },
  unreadable_document: { code: '102', text: 'Attached document could not be read' },
};

const FALLBACK_VERSION = '2.5.1';
const PROCESSING_IDS = new Set(['P', 'T', 'D']);

function versionOf(header: Hl7Header | null): { version: string; modernErr: boolean } {
  const match = /^2\.(\d+)(?:\.\d+)?$/.exec(header?.version ?? '');
  if (!header || !match) return { version: FALLBACK_VERSION, modernErr: true };
  return { version: header.version, modernErr: Number(match[1]) >= 5 };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what this removes
const CONTROL = /[\u0000-\u001f\u007f]/g;
const clean = (text: string, max: number) =>
  escapeHl7(text.replace(CONTROL, ' ').trim().slice(0, max));

function errSegment(problem: Hl7Problem, text: string, modern: boolean): string {
  const error = PROBLEM_ERRORS[problem];
  const location = error.field === undefined ? '' : `MSH^1^${error.field}`;
  if (!modern) return `ERR|${location}${location ? '^' : '^^^'}${error.code}&${text}&HL70357`;
  return `ERR||${location}|${error.code}^${text}^HL70357|E||||${text}`;
}

/**
 * An ER7 acknowledgement (`\r` separated): MSH with sender and receiver swapped, MSA with the
 * original control id, and an ERR for AE/AR. Written with the standard encoding characters; the
 * text names the problem only, never the message's content.
 */
export function buildHl7Ack(
  header: Hl7Header | null,
  code: Hl7AckCode,
  options: Hl7AckOptions = {},
): string {
  const { version, modernErr } = versionOf(header);
  const problem = options.problem ?? (code === 'AA' ? undefined : 'internal_error');
  const text = clean(options.text ?? (problem ? PROBLEM_ERRORS[problem].text : ''), 80);
  const trigger = clean(header?.trigger ?? '', 3);
  const processingId = PROCESSING_IDS.has(header?.processingId ?? '') ? header?.processingId : 'P';
  const controlId = options.controlId ?? `ACK${randomBytes(8).toString('hex').toUpperCase()}`;
  const msh = [
    'MSH',
    '^~\\&',
    clean(header?.receivingApplication ?? '', 199),
    clean(header?.receivingFacility ?? '', 199),
    clean(header?.sendingApplication ?? '', 199),
    clean(header?.sendingFacility ?? '', 199),
    formatHl7DateTime(options.now ?? new Date()),
    '',
    trigger ? `ACK^${trigger}^ACK` : 'ACK',
    clean(controlId, 199),
    processingId,
    version,
  ].join('|');
  const msa = ['MSA', code, clean(header?.controlId ?? '', 199), text].join('|');
  const segments = [msh, msa.replace(/\|+$/, '')];
  if (problem && code !== 'AA') segments.push(errSegment(problem, text, modernErr));
  return segments.join('\r');
}
