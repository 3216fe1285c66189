import { fold, type Token, tokenize } from './tokens.js';

/**
 * Context around a finding, NegEx-style (Chapman et al., 2001), reduced to what referral reasons
 * need: a cue a few words before the finding, or right after it, within one clause.
 */
type Cue = readonly string[];
const cues = (...texts: string[]): Cue[] => texts.map((c) => tokenize(c).map((t) => t.folded));

const NEGATION_BEFORE = cues(
  'no',
  'not',
  'without',
  'w o',
  'denies',
  'denied',
  'deny',
  'negative for',
  'neg for',
  'no evidence of',
  'no signs of',
  'no sign of',
  'free of',
  'absence of',
  'ruled out',
  'nor',
  'unlikely',
  'not consistent with',
  'family history of',
  'family hx of',
  'fhx',
  'fh',
  'fhx of',
  'mother has',
  'father has',
  'worried about',
  'concerned about',
  'afraid of',
);
/** Look like cues but do not negate what follows ("no improvement in ptosis"). */
const PSEUDO = cues(
  'no improvement',
  'no change',
  'no better',
  'no relief',
  'no response',
  'no longer',
  'not improved',
  'not improving',
  'not resolved',
  'not resolving',
  'not better',
  'not only',
  'not help',
  'not responding',
  'not controlled',
  'no known',
);
const NEGATION_AFTER = cues(
  'ruled out',
  'not seen',
  'not present',
  'not noted',
  'absent',
  'negative',
  'resolved',
  'unlikely',
  'doubtful',
  'excluded',
);
/** The provider asks for this condition to be seen to ("please manage her diabetes"). */
const REQUEST_BEFORE = cues(
  'manage',
  'management of',
  'treat',
  'treatment of',
  'control',
  'check',
  'evaluate for',
  'eval for',
  'evaluation for',
  'evaluation of',
  'work up',
  'workup for',
  'assess',
  'screen for',
  'screening for',
  'test for',
  'referral is for',
  'refer for',
);
const REQUEST_AFTER = cues(
  'workup',
  'work up',
  'management',
  'control',
  'eval',
  'evaluation',
  'screening',
);
/** A finding of the past: it explains, but does not make the referral urgent ("old stroke"). */
const PAST_BEFORE = cues(
  'followed by',
  'seen by',
  'under the care of',
  'established with',
  'sees',
  'old',
  'history of',
  'hx of',
  'hx',
  'h o',
  'prior',
  'previous',
  'remote',
  'past',
  's p',
  'status post',
  'known',
  'stable',
  'chronic',
  'longstanding',
);
const PAST_AFTER = cues(
  'last year',
  'years ago',
  'yrs ago',
  'year ago',
  'months ago',
  'mo ago',
  'mos ago',
  'in the past',
  'years prior',
  'stable',
);

/** How many words a cue reaches before a finding, and after one. */
const BEFORE_SCOPE = 5;
const AFTER_SCOPE = 2;
const TERMINATORS = new Set(
  ['but', 'however', 'although', 'though', 'except', 'yet', 'still', 'now', 'which', 'with'].map(
    fold,
  ),
);

function startsWith(tokens: readonly Token[], at: number, cue: Cue): boolean {
  for (let k = 0; k < cue.length; k++) {
    const t = tokens[at + k];
    if (!t || t.folded !== cue[k] || (k > 0 && t.breakBefore)) return false;
  }
  return true;
}

const pseudoAt = (tokens: readonly Token[], at: number) =>
  PSEUDO.some((p) => startsWith(tokens, at, p));

function cueBefore(tokens: readonly Token[], start: number, list: readonly Cue[]): boolean {
  for (let i = start - 1; i >= 0; i--) {
    if ((tokens[i + 1] as Token).breakBefore) return false;
    if (TERMINATORS.has((tokens[i] as Token).folded)) return false;
    if (pseudoAt(tokens, i)) continue;
    const cue = list.find((c) => startsWith(tokens, i, c) && i + c.length <= start);
    if (cue) return start - (i + cue.length) <= BEFORE_SCOPE;
    if (start - i > BEFORE_SCOPE + 3) return false;
  }
  return false;
}

function cueAfter(tokens: readonly Token[], end: number, list: readonly Cue[]): boolean {
  for (let j = end; j < tokens.length && j <= end + AFTER_SCOPE; j++) {
    if ((tokens[j] as Token).breakBefore) return false;
    if (pseudoAt(tokens, j)) return false;
    if (list.some((c) => startsWith(tokens, j, c))) return true;
  }
  return false;
}

/** Whether the finding spanning tokens [start, end) is negated. */
export function isNegated(tokens: readonly Token[], start: number, end: number): boolean {
  return cueBefore(tokens, start, NEGATION_BEFORE) || cueAfter(tokens, end, NEGATION_AFTER);
}

/** Whether the provider asks for the finding to be seen to ("please manage her blood sugar"). */
export function isRequested(tokens: readonly Token[], start: number, end: number): boolean {
  return cueBefore(tokens, start, REQUEST_BEFORE) || cueAfter(tokens, end, REQUEST_AFTER);
}

/** Whether the finding is of the past ("old stroke", "NAION last year"). */
export function isPast(tokens: readonly Token[], start: number, end: number): boolean {
  return cueBefore(tokens, start, PAST_BEFORE) || cueAfter(tokens, end, PAST_AFTER);
}
