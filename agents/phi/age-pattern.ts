import { type Detector, rewrite } from './text.js';

const YEARS_OLD =
  /(?<![\p{L}\p{N}_.])(\d{2,3})(\s*-?\s*(?:years?|yrs?|y\/o|y\.\s?o\.?|yo)(?![\p{L}]))/giu;
const AGE_LABEL = /(?<![\p{L}_])(age[ds]?|aged)(\s*[:=]?\s*(?:of\s+)?)(\d{2,3})(?![\p{N}_.])/giu;

const generalize = (age: string) => {
  const n = Number(age);
  return n >= 90 && n <= 130 ? '90+' : age;
};

/** Ages over 89 collapse into the single Safe Harbor category "90+"; younger ages stay. */
export const generalizeAges: Detector = (input) => {
  const text = rewrite(input, YEARS_OLD, (m) => `${generalize(m[1] ?? '')}${m[2]}`);
  return rewrite(text, AGE_LABEL, (m) => `${m[1]}${m[2]}${generalize(m[3] ?? '')}`);
};
