import { MONTHS } from './date-forms.js';
import { type Detector, rewrite } from './text.js';

const byLength = (a: string, b: string) => b.length - a.length;

/** Full month names in any casing (bar "may"), abbreviations only as "Oct": "OCT" is a scan. */
const MONTH = `(?:${MONTHS.flatMap(([full = '', ...abbr]) => [
  full,
  full.toUpperCase(),
  ...(full === 'May' ? [] : [full.toLowerCase()]),
  ...abbr,
])
  .sort(byLength)
  .join('|')})\\.?`;
const ANY_MONTH = `(?:${MONTHS.flat()
  .flatMap((m) => [m, m.toUpperCase()])
  .sort(byLength)
  .join('|')})`;
const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d{2}|2[01]\\d{2})';
const TIME = '(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?';

const NAMED_FORMS = [
  `(?<![\\p{L}_])${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?(?![\\p{L}\\p{N}]|:\\d)`,
  `(?<![\\p{L}\\p{N}_.])${DAY}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+${YEAR})?(?![\\p{L}\\p{N}])`,
  `(?<![\\p{L}\\p{N}_])(?:3[01]|[12]\\d|0?[1-9])-?${ANY_MONTH}-?(?:\\d{4}|\\d{2})(?![\\p{L}\\p{N}])`,
  `(?<![\\p{L}_])${MONTH},?\\s+${YEAR}(?![\\p{N}])`,
].map((source) => new RegExp(source, 'gu'));

const ISO = new RegExp(
  `(?<![\\p{N}_/.\\-])(\\d{4})([/.\\-])(\\d{1,2})\\2(\\d{1,2})${TIME}(?![\\p{N}])`,
  'gu',
);
const DAY_MONTH_YEAR =
  /(?<![\p{N}_/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[/-]\d)/gu;
const DOTTED = /(?<![\p{N}_/.-])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\p{N}]|\.\d)/gu;
const MONTH_SLASH_YEAR = /(?<![\p{N}_/.-])(0?[1-9]|1[0-2])\/((?:19|20)\d{2})(?![\p{N}]|\/\d)/gu;

const validDayMonth = (a: number, b: number) =>
  a >= 1 && b >= 1 && ((a <= 12 && b <= 31) || (a <= 31 && b <= 12));

/** Every date more specific than a year, in the common written forms, becomes `[DATE_n]`. */
export const maskDates: Detector = (input, mask) => {
  let text = rewrite(input, ISO, (m) => {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    return y >= 1800 && y < 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31
      ? mask('DATE', m[0])
      : m[0];
  });
  for (const pattern of [DAY_MONTH_YEAR, DOTTED]) {
    text = rewrite(text, pattern, (m) => {
      const [a, b] = [Number(m[1]), Number(pattern === DOTTED ? m[2] : m[3])];
      return validDayMonth(a, b) ? mask('DATE', m[0]) : m[0];
    });
  }
  for (const pattern of NAMED_FORMS) text = rewrite(text, pattern, (m) => mask('DATE', m[0]));
  return rewrite(text, MONTH_SLASH_YEAR, (m) => mask('DATE', m[0]));
};
