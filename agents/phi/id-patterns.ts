import type { PlaceholderKind } from './placeholder.js';
import { before, type Detector, maskAll, rewrite } from './text.js';

const NO = '(?:\\s*(?:number|num|nbr|no\\.?|#|id))?';

/** Labels that introduce an identifier, most specific first (a plate before a licence). */
const LABELS: readonly (readonly [PlaceholderKind, string])[] = [
  ['SSN', `ssn|ss#|social\\s+security${NO}`],
  [
    'VEHICLE_ID',
    `vin|vehicle\\s+(?:id|identification\\s+number|number|#)|licen[cs]e\\s+plate${NO}|(?:plate|tag)\\s+(?:number|no\\.?|#)`,
  ],
  [
    'MRN',
    `mrn|mr\\s*#|mr\\s+no\\.?|medical\\s+record${NO}|med(?:ical)?\\s+rec\\.?${NO}|chart${NO}|(?:patient|pt\\.?)\\s+(?:id|identifier|number|no\\.?|#)|(?:ehr|emr|hospital)\\s+(?:id|number|no\\.?|#)`,
  ],
  [
    'MEMBER_ID',
    `member(?:ship)?${NO}|subscriber${NO}|policy${NO}|group\\s+(?:id|number|no\\.?|#)|(?:insurance|health\\s+plan|plan\\s+member|plan)\\s+(?:id|number|no\\.?|#)|beneficiary${NO}|medicaid${NO}|medicare${NO}|mbi|hicn`,
  ],
  [
    'ACCOUNT',
    `account${NO}|acct\\.?${NO}|(?:billing|encounter|visit|claim|invoice|guarantor)\\s+(?:id|number|no\\.?|#)`,
  ],
  [
    'LICENSE',
    `(?:driver'?s?\\s+)?licen[cs]e${NO}|dl\\s*[#:]|dea${NO}|certificate${NO}|cert\\.?\\s*#|(?:permit|passport)${NO}|state\\s+id`,
  ],
  [
    'DEVICE_ID',
    `serial${NO}|s\\/n|sn\\s*[#:]|device\\s+(?:id|identifier|serial|number|no\\.?|#)|udi|imei|implant\\s+(?:id|serial)`,
  ],
  ['ID', `id\\s*[#:]|identifier|(?:reference|ref|case|record)\\s+(?:id|number|no\\.?|#)`],
];

const VALUE = '[A-Za-z0-9](?:[A-Za-z0-9/-]*[A-Za-z0-9])?';
const SEPARATOR = '(?:\\s+(?:is|was|ending\\s+in))?\\s*[:#=]?\\s*';

const labelled = LABELS.map(
  ([kind, labels]) =>
    [
      kind,
      new RegExp(`(?<![\\p{L}\\p{N}_])(${labels})(?![\\p{L}])(${SEPARATOR})(${VALUE})`, 'giu'),
    ] as const,
);

const isIdentifierLike = (value: string) =>
  /\d/.test(value) && value.length >= 4 && !/^(?:19|20)\d{2}$/.test(value);

/** Any identifier introduced by a label ("MRN: 123456", "Member ID W123456789", "S/N ..."). */
export const maskLabelledIds: Detector = (input, mask) => {
  let text = input;
  for (const [kind, pattern] of labelled) {
    text = rewrite(text, pattern, (m) => {
      const [whole, label = '', separator = '', value = ''] = m;
      return isIdentifierLike(value) ? `${label}${separator}${mask(kind, value)}` : whole;
    });
  }
  return text;
};

const SSN = /(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])/g;
const MAC = /(?<![\w:-])(?:[0-9A-F]{2}([:-]))(?:[0-9A-F]{2}\1){4}[0-9A-F]{2}(?![\w:-])/gi;
const UUID = /(?<![\w-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/gi;
const LONG_NUMBER =
  /(?<![\w.,/\-[])(?:[A-Za-z]?-?\d{7,}|[A-Za-z]{2,4}-?\d{5,})(?:-\d+)*(?![\w\]/-]|[.,]\d)/g;

/** SSN-shaped numbers (ddd-dd-dddd), labelled or not. */
export const maskSsns: Detector = maskAll(SSN, 'SSN');

/** Device MAC addresses and UUIDs. */
export const maskMachineIds: Detector = (text, mask) =>
  maskAll(UUID, 'ID')(maskAll(MAC, 'DEVICE_ID')(text, mask), mask);

/**
 * The catch-all for "any other unique identifying number": long digit runs and letter-prefixed
 * ids. Provider NPIs (public, not the patient's) and dotless ICD-10 codes (1 letter + ≤6) stay.
 */
export const maskLongNumbers: Detector = (text, mask) =>
  rewrite(text, LONG_NUMBER, (m) =>
    /\bNPIs?\b[^\d\n]{0,15}$/i.test(before(m)) ? m[0] : mask('ID', m[0]),
  );
