/** HL7 v2 text: escaping, timestamps, segments, and reading an ACK. */

export const SEGMENT_SEPARATOR = '\r';

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\E\\',
  '|': '\\F\\',
  '^': '\\S\\',
  '&': '\\T\\',
  '~': '\\R\\',
};

/** A value made safe for one HL7 component: delimiters escaped, control characters as spaces. */
export function escapeHl7(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? ' ' : (ESCAPES[ch] ?? ch);
  }
  return out;
}

/** A field of escaped components, `^`-joined, without trailing empty components. */
export function field(...components: (string | undefined)[]): string {
  const parts = components.map((c) => escapeHl7(c ?? ''));
  while (parts.length > 0 && parts.at(-1) === '') parts.pop();
  return parts.join('^');
}

/** A segment from already-built fields (index 0 = field 1), without trailing empty fields. */
export function segment(name: string, fields: readonly (string | undefined)[]): string {
  const parts = fields.map((f) => f ?? '');
  while (parts.length > 0 && parts.at(-1) === '') parts.pop();
  return [name, ...parts].join('|');
}

/** Fields by HL7 position (1-based), the rest left empty. */
export function positioned(values: Readonly<Record<number, string>>): string[] {
  const last = Math.max(0, ...Object.keys(values).map(Number));
  return Array.from({ length: last }, (_, i) => values[i + 1] ?? '');
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An HL7 DTM in UTC: YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS. */
export function hl7Time(at: Date, precision: 'day' | 'minute' | 'second'): string {
  const day = `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  if (precision === 'day') return day;
  const minute = `${day}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}`;
  return precision === 'minute' ? minute : `${minute}${pad(at.getUTCSeconds())}`;
}

export interface Hl7Ack {
  /** MSA-1: AA, AE, AR (or CA, CE, CR). */
  code: string;
  /** MSA-2: the control id acknowledged. */
  controlId: string;
}

/** Reads MSA-1 and MSA-2 from an acknowledgement; undefined when it has no MSA. */
export function parseAck(text: string): Hl7Ack | undefined {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const fields = line.split('|');
    if (fields[0] !== 'MSA') continue;
    const code = fields[1]?.split('^')[0] ?? '';
    if (code === '') return undefined;
    return { code, controlId: fields[2]?.split('^')[0] ?? '' };
  }
  return undefined;
}
