/** A word of a referral text: as written, folded (lower case, no diacritics), and where it sits. */
export interface Token {
  raw: string;
  folded: string;
  /** A clause boundary (. , ; : ! ? or a line break) lies between this token and the one before. */
  breakBefore: boolean;
}

const WORD = /[\p{L}\p{N}]+|[.,;:!?\n]/gu;
const BOUNDARY = /^[.,;:!?\n]$/;

export const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Splits text into words: possessives dropped ("Sjögren's" → "Sjögren"), a full stop inside a
 * number or a code ("H40.11") not taken as a boundary, a free-standing dash taken as one.
 */
export function tokenize(text: string): Token[] {
  const source = text
    .replace(/['’]s\b/g, '')
    .replace(/(\w)\.(\w)/g, '$1 $2')
    .replace(/\s[-–—]+\s/g, ' ; ');
  const tokens: Token[] = [];
  let pendingBreak = false;
  for (const [m] of source.matchAll(WORD)) {
    if (BOUNDARY.test(m)) {
      pendingBreak = true;
      continue;
    }
    tokens.push({ raw: m, folded: fold(m), breakBefore: pendingBreak });
    pendingBreak = false;
  }
  return tokens;
}
