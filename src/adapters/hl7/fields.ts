import type { Hl7Context, Hl7Field, Hl7Segment } from '@medplum/core';
import { isValidNpi } from '../../domain/index.js';

/** Longest identifier we accept (CX, EI, HD values are at most 199 characters from v2.5 on). */
export const MAX_ID_LENGTH = 199;
const MAX_NAME_LENGTH = 100;

/** Field `n` of a segment, counting as HL7 does (MSH-1 is the field separator itself). */
export function fieldOf(segment: Hl7Segment, n: number): Hl7Field | undefined {
  const index = segment.name === 'MSH' ? n - 1 : n;
  return index >= 1 ? segment.fields[index] : undefined;
}

export function repetitionCount(segment: Hl7Segment, n: number): number {
  return fieldOf(segment, n)?.components.length ?? 0;
}

// C0 controls and DEL, except tab and newline.
// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what this removes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** HL7 `""` means "explicitly empty". */
const isHl7Null = (value: string) => value === '""';

/**
 * One component of one repetition, its first subcomponent by default, unescaped and trimmed;
 * undefined when empty.
 */
export function componentOf(
  segment: Hl7Segment,
  n: number,
  component = 1,
  options: { repetition?: number; subcomponent?: number } = {},
): string | undefined {
  const { repetition = 0, subcomponent = 0 } = options;
  const raw = fieldOf(segment, n)?.components[repetition]?.[component - 1];
  if (raw === undefined) return undefined;
  const sub = raw.split(segment.context.subcomponentSeparator)[subcomponent];
  if (sub === undefined || isHl7Null(sub)) return undefined;
  const value = unescapeHl7(sub, segment.context).replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  return value === '' ? undefined : value;
}

/**
 * A free-text field (ST, TX, FT) read leniently: a sender that forgot to escape `^` or `&`
 * keeps its text whole. Repetitions are lines.
 */
export function textOf(segment: Hl7Segment, n: number): string | undefined {
  const field = fieldOf(segment, n);
  if (!field) return undefined;
  const lines = field.components.map((parts) =>
    unescapeHl7(parts.join(segment.context.componentSeparator), segment.context)
      .replace(CONTROL, '')
      .trimEnd(),
  );
  const text = lines.join('\n').trim();
  return text === '' || isHl7Null(text) ? undefined : text;
}

/** First component of each repetition (PID-3 ids, XCN ids, PRD-7 identifiers). */
export function idsOf(segment: Hl7Segment, n: number): string[] {
  const ids: string[] = [];
  for (let r = 0; r < repetitionCount(segment, n); r++) {
    const id = componentOf(segment, n, 1, { repetition: r });
    if (id !== undefined && id.length <= MAX_ID_LENGTH) ids.push(id);
  }
  return ids;
}

/** The first identifier among the given fields' repetitions that passes the NPI check. */
export function npiOf(segment: Hl7Segment | undefined, ...fields: number[]): string | undefined {
  if (!segment) return undefined;
  for (const n of fields) {
    const npi = idsOf(segment, n).find(isValidNpi);
    if (npi) return npi;
  }
  return undefined;
}

/** A person's name part: must contain a letter and stay short, else it is dropped. */
export function namePart(value: string | undefined): string | undefined {
  if (value === undefined || value.length > MAX_NAME_LENGTH) return undefined;
  return /\p{L}/u.test(value) ? value : undefined;
}

const ESCAPES: Record<string, (ctx: Hl7Context) => string> = {
  F: (ctx) => ctx.fieldSeparator,
  S: (ctx) => ctx.componentSeparator,
  T: (ctx) => ctx.subcomponentSeparator,
  R: (ctx) => ctx.repetitionSeparator,
  E: (ctx) => ctx.escapeCharacter,
  '.br': () => '\n',
  '.sp': () => '\n',
};

/** Formatting and character-set escapes we drop rather than render. */
const DROPPED =
  /^(H|N|\.(fi|nf|in[+-]?\d*|ti[+-]?\d*|sk[+-]?\d*|ce|sp\d+)|Z.*|C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4,6})$/;

function decodeHex(hex: string): string | undefined {
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return undefined;
  const bytes = Buffer.from(hex, 'hex');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Resolves HL7 escape sequences (`\F\ \S\ \T\ \R\ \E\ \Xhh\ \.br\`); unknown ones stay as written. */
export function unescapeHl7(text: string, ctx: Hl7Context): string {
  const esc = ctx.escapeCharacter;
  if (!esc || !text.includes(esc)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf(esc, i);
    if (start < 0) break;
    const end = text.indexOf(esc, start + 1);
    if (end < 0) break;
    out += text.slice(i, start);
    const code = text.slice(start + 1, end);
    const simple = ESCAPES[code];
    const hex = code.startsWith('X') ? decodeHex(code.slice(1)) : undefined;
    if (simple) out += simple(ctx);
    else if (hex !== undefined) out += hex;
    else if (DROPPED.test(code)) out += '';
    else {
      out += text.slice(start, end);
      i = end;
      continue;
    }
    i = end + 1;
  }
  return out + text.slice(i);
}

/** Escapes a value for an ER7 field written with the standard encoding characters `|^~\&`. */
export function escapeHl7(value: string): string {
  return value.replace(/[\\|^&~\r\n]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\E\\';
      case '|':
        return '\\F\\';
      case '^':
        return '\\S\\';
      case '&':
        return '\\T\\';
      case '~':
        return '\\R\\';
      default:
        return '\\.br\\';
    }
  });
}

const DTM =
  /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(\.\d{1,4})?)?)?)?)?)?([+-]\d{4})?$/;

interface DtmParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  offsetMinutes: number;
  hasDay: boolean;
}

function dtmParts(value: string | undefined): DtmParts | undefined {
  const m = value === undefined ? null : DTM.exec(value);
  if (!m) return undefined;
  const num = (s: string | undefined, fallback: number) => (s === undefined ? fallback : Number(s));
  const parts: DtmParts = {
    year: num(m[1], 0),
    month: num(m[2], 1),
    day: num(m[3], 1),
    hour: num(m[4], 0),
    minute: num(m[5], 0),
    second: num(m[6], 0),
    millis: m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000),
    offsetMinutes: 0,
    hasDay: m[3] !== undefined,
  };
  if (m[8] !== undefined) {
    const sign = m[8].startsWith('-') ? -1 : 1;
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(3, 5));
    if (oh > 14 || om > 59) return undefined;
    parts.offsetMinutes = sign * (oh * 60 + om);
  }
  const { year, month, day, hour, minute, second } = parts;
  if (year < 1800 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || day < 1) return undefined;
  return parts;
}

/** HL7 DTM/TS (`YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]`) to ISO 8601; no offset means UTC. */
export function hl7DateTime(value: string | undefined): string | undefined {
  const p = dtmParts(value);
  if (!p) return undefined;
  const utc =
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millis) -
    p.offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A calendar date (`YYYY-MM-DD`) as written, ignoring any time and offset; needs a day. */
export function hl7Date(value: string | undefined): string | undefined {
  const p = dtmParts(value);
  if (!p?.hasDay) return undefined;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

/** HL7 DTM for a moment, in UTC: `YYYYMMDDHHMMSS+0000`. */
export function formatHl7DateTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}
