import type { PlaceholderKind } from './placeholder.js';

/** Returns the placeholder standing for `original` (same value, same placeholder). */
export type Mask = (kind: PlaceholderKind, original: string) => string;

/** One masking pass of the de-identification pipeline. */
export type Detector = (text: string, mask: Mask) => string;

/**
 * Letters of the Latin, Greek and Cyrillic blocks: for the regexes built per patient, which
 * compile ten times faster with this class than with `\p{L}`.
 */
export const LETTER =
  'A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';

/** No letter, digit or underscore may touch a whole-token match. */
export const NOT_AFTER_WORD = `(?<![${LETTER}0-9_])`;
export const NOT_BEFORE_WORD = `(?![${LETTER}0-9_])`;

export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * NFKC (fullwidth digits and letters become ASCII) and no invisible format characters
 * (zero-width spaces, bidi controls, Unicode tag characters), so identifiers cannot hide.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

/**
 * Replaces every match of a global regex by `replace(match)`. It walks the regex itself rather
 * than through `matchAll`, which clones the regex on every call (most of a short text's cost);
 * the position is kept here, so `replace` may use the same regex.
 */
export function rewrite(
  text: string,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => string,
): string {
  if (!pattern.global) throw new TypeError('rewrite needs a global regex');
  let out = '';
  let last = 0;
  let from = 0;
  while (from <= text.length) {
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) break;
    const end = match.index + match[0].length;
    from = end > match.index ? end : end + (pattern.unicode && isPairAt(text, end) ? 2 : 1);
    out += text.slice(last, match.index) + replace(match);
    last = end;
  }
  pattern.lastIndex = 0;
  return out + text.slice(last);
}

const isPairAt = (text: string, i: number) => {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
};

/** A detector that masks every whole match of `pattern` as one `kind`. */
export function maskAll(pattern: RegExp, kind: PlaceholderKind): Detector {
  return (text, mask) => rewrite(text, pattern, (m) => mask(kind, m[0]));
}

/** The text just before `offset`, to read a label such as "fax" or "NPI". */
export function before(match: RegExpExecArray, chars = 24): string {
  return match.input.slice(Math.max(0, match.index - chars), match.index);
}
