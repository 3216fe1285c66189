import { LETTER } from './text.js';

/** Month names and abbreviations, January first. */
export const MONTHS: readonly (readonly string[])[] = [
  ['January', 'Jan'],
  ['February', 'Feb'],
  ['March', 'Mar'],
  ['April', 'Apr'],
  ['May'],
  ['June', 'Jun'],
  ['July', 'Jul'],
  ['August', 'Aug'],
  ['September', 'Sept', 'Sep'],
  ['October', 'Oct'],
  ['November', 'Nov'],
  ['December', 'Dec'],
];

const ORDINAL = '(?:st|nd|rd|th)?';
const SEP = '[\\/.\\-]';

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.findIndex((names) => names.some((n) => n.toLowerCase() === w));
  return index < 0 ? null : index + 1;
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/** The calendar date a written date names, when it names one with a 4-digit year; else null. */
export function toIsoDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})/.exec(v);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return a <= 12 ? iso(y, a, b) : iso(y, b, a);
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  const words = v.match(/[A-Za-z]+|\d+/g) ?? [];
  const month = words.map(monthOf).find((n) => n !== null);
  const year = words.find((w) => /^\d{4}$/.test(w));
  const day = words.find((w) => /^\d{1,2}$/.test(w));
  return month && year && day ? iso(Number(year), month, Number(day)) : null;
}

/**
 * A regex source matching the given ISO date in any common spelling: ISO, compact, US and
 * day-first numeric (2- or 4-digit year), "March 4, 1961", "4th March 1961", "04-MAR-1961".
 */
export function knownDateSource(isoDate: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m?.[1] || !m[2] || !m[3] || !toIsoDate(isoDate)) return null;
  const [y, mm, dd] = [m[1], m[2], m[3]];
  const month = Number(mm);
  const day = Number(dd);
  const M = `0?${month}`;
  const D = `0?${day}`;
  const Y = `(?:${y}|'?${y.slice(2)})`;
  const names = (MONTHS[month - 1] ?? []).join('|');
  const numeric = [
    `${y}${SEP}${M}${SEP}${D}`,
    `${y}${mm}${dd}`,
    `${M}${SEP}${D}${SEP}${Y}`,
    ...(month === day ? [] : [`${D}${SEP}${M}${SEP}${Y}`]),
    `${D}${ORDINAL}(?:\\s+of)?[\\s\\-]*(?:${names})\\.?,?[\\s\\-]*${Y}`,
  ];
  const named = `(?:${names})\\.?\\s*${D}${ORDINAL},?\\s*${Y}`;
  return `(?:(?<![0-9_])(?:${numeric.join('|')})|(?<![${LETTER}_])${named})(?![0-9])`;
}
