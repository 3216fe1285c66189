import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS =
  /\b(?:Dr|Mr|Mrs|Ms|St|Ave|Blvd|Rd|Ste|Jr|Sr|MD|OD|e\.g|i\.e|a\.m|p\.m|U\.S)\./gi;

export interface Readability {
  grade: number;
  sentences: number;
  words: number;
  syllables: number;
}

/**
 * Flesch–Kincaid grade of an English text. Sentences end at `.`, `!` or `?` (not after a title
 * or a common abbreviation); words are runs of letters (numbers, phone numbers and codes are left
 * out, they carry no syllables the formula knows). Null when the text has no word.
 */
export function readability(text: string): Readability | null {
  const plain = text.replace(ABBREVIATIONS, (m) => m.replace(/\./g, ''));
  const sentences = plain.split(/[.!?]+(?=\s|$)/).filter((s) => /\p{L}/u.test(s)).length;
  const words = plain.match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
  if (words.length === 0 || sentences === 0) return null;
  const syllables = words.reduce((sum, w) => sum + Math.max(1, syllable(w)), 0);
  return {
    grade: fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables }),
    sentences,
    words: words.length,
    syllables,
  };
}
