import { withinOneEdit } from './one-edit.js';
import { type Token, tokenize } from './tokens.js';

/** One word of a catalog phrase and how a written word may match it. */
interface PhraseWord {
  folded: string;
  /** An abbreviation of one or two letters: only as written (CI, not "ci"). */
  exact: string | null;
  /** A lower-case word: plurals, and one typo when it is long enough. */
  loose: boolean;
}

export interface Phrase {
  text: string;
  words: readonly PhraseWord[];
}

/** Short English words that are also abbreviations in the catalog: never matched in lower case. */
const COMMON_WORDS = new Set(['ted', 'sle', 'am', 'as', 'or', 'ms', 'ra', 'ci', 'rd', 'rp', 'mh']);
const TYPO_MIN_LENGTH = 7;

export function compilePhrase(text: string): Phrase {
  const isAbbreviation = text === text.toUpperCase() && /\p{Lu}/u.test(text);
  const words = tokenize(text).map((t) => {
    const exact =
      isAbbreviation && (t.raw.length <= 2 || COMMON_WORDS.has(t.folded)) ? t.raw : null;
    return { folded: t.folded, exact, loose: !isAbbreviation };
  });
  return { text, words };
}

const plural = (word: string, written: string) =>
  written === `${word}s` ||
  written === `${word}es` ||
  (word.endsWith('y') && written === `${word.slice(0, -1)}ies`);

/**
 * Whether a written word matches a phrase word. `vocabulary` holds every catalog word, so a
 * word that is itself a catalog word ("esotropia") is never read as a typo of another ("exotropia").
 */
function wordMatches(w: PhraseWord, token: Token, vocabulary: ReadonlySet<string>): boolean {
  if (w.exact !== null) return token.raw === w.exact;
  if (token.folded === w.folded) return true;
  if (!w.loose) return false;
  if (plural(w.folded, token.folded)) return true;
  return (
    w.folded.length >= TYPO_MIN_LENGTH &&
    !vocabulary.has(token.folded) &&
    /^\p{L}+$/u.test(token.folded) &&
    withinOneEdit(token.folded, w.folded)
  );
}

/** Where the phrase starts in `tokens` (never across a clause boundary), first to last. */
export function findPhrase(
  phrase: Phrase,
  tokens: readonly Token[],
  vocabulary: ReadonlySet<string>,
): number[] {
  const starts: number[] = [];
  const n = phrase.words.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const token = tokens[i + k] as Token;
      ok =
        (k === 0 || !token.breakBefore) &&
        wordMatches(phrase.words[k] as PhraseWord, token, vocabulary);
    }
    if (ok) starts.push(i);
  }
  return starts;
}

/** Every folded word of the given phrases. */
export function vocabularyOf(phrases: readonly Phrase[]): Set<string> {
  return new Set(phrases.flatMap((p) => p.words.map((w) => w.folded)));
}
