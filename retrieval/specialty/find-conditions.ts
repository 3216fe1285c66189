import type { SpecialtyKey } from './catalog.js';
import type { Condition } from './conditions/condition.js';
import { CONDITIONS } from './conditions/index.js';
import { isNegated, isPast, isRequested } from './finding-context.js';
import { compilePhrase, findPhrase, type Phrase, vocabularyOf } from './phrase.js';
import { REFERRAL_AFTER, REFERRAL_BEFORE, SPECIALTY_NAMES } from './specialty-names.js';
import { type Token, tokenize } from './tokens.js';

/** A condition found in a referral, with what showed it and where. */
export interface ConditionHit {
  condition: Condition;
  /** The diagnosis code, or the catalog phrase the reason matched. */
  evidence: string;
  via: 'code' | 'reason';
  /** Code order, or the word position in the reason. */
  position: number;
  /** One past the last word, in the reason. */
  end: number;
  /** The reason asks for it to be seen to ("please manage her diabetes"). */
  requested: boolean;
  /** A finding of the past ("old stroke"): it never makes the referral urgent. */
  past: boolean;
}

/** A specialty the provider named ("refer to retina", "PCP"). */
export interface NamedSpecialty {
  key: SpecialtyKey;
  evidence: string;
  position: number;
}

const normalizeCode = (code: string) => {
  const c = code.trim().toUpperCase();
  return c.includes('.') || c.length <= 3 ? c : `${c.slice(0, 3)}.${c.slice(3)}`;
};

const byPrefix = CONDITIONS.flatMap((condition) =>
  condition.codes.map((prefix) => ({ prefix, condition })),
);

/** The condition of the longest catalog prefix of `code`, if any. */
export function conditionOfCode(code: string): Condition | undefined {
  const normal = normalizeCode(code);
  let best: (typeof byPrefix)[number] | undefined;
  for (const rule of byPrefix) {
    if (normal.startsWith(rule.prefix) && (!best || rule.prefix.length > best.prefix.length))
      best = rule;
  }
  return best?.condition;
}

const conditionPhrases = CONDITIONS.flatMap((condition) =>
  condition.phrases.map((text) => ({ phrase: compilePhrase(text), condition })),
);
const namePhrases = (Object.keys(SPECIALTY_NAMES) as SpecialtyKey[]).flatMap((key) =>
  SPECIALTY_NAMES[key].map((text) => ({ phrase: compilePhrase(text), key })),
);
const before = REFERRAL_BEFORE.map(compilePhrase);
const after = REFERRAL_AFTER.map(compilePhrase);
const vocabulary = vocabularyOf([
  ...conditionPhrases.map((p) => p.phrase),
  ...namePhrases.map((p) => p.phrase),
]);

/** Codes written in the reason itself ("dx H40.1131"). */
const CODE_IN_TEXT = /\b[A-TV-Z]\d[\dAB]\.[\dA-TV-Z]{1,4}\b/g;

function endsAt(phrase: Phrase, tokens: readonly Token[], end: number): boolean {
  const start = end - phrase.words.length;
  return start >= 0 && findPhrase(phrase, tokens.slice(start, end), vocabulary).includes(0);
}

function isReferral(tokens: readonly Token[], start: number, end: number): boolean {
  const boundaryAfter = tokens[end]?.breakBefore ?? true;
  return (
    (!tokens[start]?.breakBefore && before.some((p) => endsAt(p, tokens, start))) ||
    (!boundaryAfter &&
      after.some((p) =>
        findPhrase(p, tokens.slice(end, end + p.words.length), vocabulary).includes(0),
      ))
  );
}

/** `a`'s words lie inside `b`'s, and `b` is longer ("wet AMD" holds "AMD"). */
const within = (a: ConditionHit, b: ConditionHit) =>
  b.position <= a.position && a.end <= b.end && b.end - b.position > a.end - a.position;

/** Conditions in the codes (in order) and the reason (not negated), and specialties it names. */
export function findConditions(input: { diagnosisCodes: readonly string[]; reason: string }): {
  hits: ConditionHit[];
  named: NamedSpecialty[];
} {
  const hits: ConditionHit[] = [];
  const codes = [...input.diagnosisCodes, ...(input.reason.match(CODE_IN_TEXT) ?? [])];
  for (const [i, code] of codes.entries()) {
    const condition = conditionOfCode(code);
    if (condition)
      hits.push({
        ...{ condition, evidence: normalizeCode(code), via: 'code' as const },
        ...{ position: i, end: i, requested: false, past: false },
      });
  }
  const tokens = tokenize(input.reason.replace(CODE_IN_TEXT, ' '));
  const inText: ConditionHit[] = [];
  for (const { phrase, condition } of conditionPhrases) {
    for (const start of findPhrase(phrase, tokens, vocabulary)) {
      const end = start + phrase.words.length;
      if (isNegated(tokens, start, end)) continue;
      inText.push({
        ...{ condition, evidence: phrase.text, via: 'reason' as const, position: start, end },
        requested: isRequested(tokens, start, end),
        past: isPast(tokens, start, end),
      });
    }
  }
  hits.push(...inText.filter((h) => !inText.some((o) => o !== h && within(h, o))));
  const named: NamedSpecialty[] = [];
  for (const { phrase, key } of namePhrases) {
    for (const start of findPhrase(phrase, tokens, vocabulary)) {
      const end = start + phrase.words.length;
      if (isNegated(tokens, start, end)) continue;
      if (!isReferral(tokens, start, end) || isPast(tokens, start, end)) continue;
      named.push({ key, evidence: phrase.text, position: start });
    }
  }
  hits.sort((a, b) => (a.via === b.via ? a.position - b.position : a.via === 'code' ? -1 : 1));
  named.sort((a, b) => a.position - b.position);
  return { hits, named };
}
