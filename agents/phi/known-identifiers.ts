import { z } from 'zod';
import { knownDateSource } from './date-forms.js';
import type { PlaceholderKind } from './placeholder.js';
import {
  type Detector,
  escapeRegex,
  LETTER,
  maskAll,
  NOT_AFTER_WORD,
  NOT_BEFORE_WORD,
} from './text.js';

/** The patient's own identifiers, masked exactly wherever and however they are written. */
export const KnownIdentifiers = z.object({
  patientId: z.string().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  otherNames: z.array(z.string()).optional(),
  birthDate: z.string().optional().describe('ISO date, YYYY-MM-DD'),
  phones: z.array(z.string()).optional(),
  faxes: z.array(z.string()).optional(),
  emails: z.array(z.string()).optional(),
  ssn: z.string().optional(),
  mrn: z.string().optional(),
  memberId: z.string().optional(),
  accountNumbers: z.array(z.string()).optional(),
  addressLine: z.string().optional(),
  city: z.string().optional(),
  postalCode: z.string().optional(),
});
export type KnownIdentifiers = z.infer<typeof KnownIdentifiers>;

const PHONE_SEP = '[\\s().\\/\\-]*';
const ID_SEP = '[\\s.\\/\\-]?';
const STREET_EQUIVALENTS = [
  ['street', 'st'],
  ['avenue', 'ave', 'av'],
  ['road', 'rd'],
  ['boulevard', 'blvd'],
  ['lane', 'ln'],
  ['drive', 'dr'],
  ['court', 'ct'],
  ['place', 'pl'],
  ['terrace', 'ter'],
  ['parkway', 'pkwy'],
  ['highway', 'hwy'],
  ['circle', 'cir'],
  ['square', 'sq'],
  ['north', 'n'],
  ['south', 's'],
  ['east', 'e'],
  ['west', 'w'],
  ['apartment', 'apt', 'unit', 'suite', 'ste', '#'],
];

const detector = (source: string, kind: PlaceholderKind): Detector =>
  maskAll(new RegExp(source, 'gi'), kind);

function phoneSources(raw: string): string[] {
  let digits = (raw.split(/\s*(?:x|ext\.?|extension)\s*\d/i)[0] ?? '').replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length < 7) return [];
  const join = (d: string) => [...d].join(PHONE_SEP);
  if (digits.length !== 10) return [`(?<![\\d_])\\+?${join(digits)}(?!\\d)`];
  return [
    `(?<![\\d_])(?:\\+?1${PHONE_SEP})?\\(?${join(digits)}(?!\\d)`,
    `(?<![\\d_(])${join(digits.slice(3))}(?!\\d)`,
  ];
}

function idSource(raw: string): string | null {
  const core = raw.replace(/[\s./-]/g, '');
  if (core.length < 3) return null;
  const body = [...core].map(escapeRegex).join(core.length >= 6 ? ID_SEP : '');
  return `${NOT_AFTER_WORD}${body}(?![${LETTER}0-9])`;
}

/** A letter also matches its unaccented form ("José" finds "Jose"); spaces match hyphens. */
function wordsSource(value: string): string {
  return value
    .trim()
    .split(/[\s-]+/)
    .map((word) =>
      [...word]
        .map((ch) => {
          if (ch === "'" || ch === '’') return "['’]?";
          const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
          return base === ch ? escapeRegex(ch) : `[${ch}${base}]`;
        })
        .join(''),
    )
    .join('[\\s\\-]+');
}

const UNIT_SUFFIX = '(?:,?\\s*(?:apt|apartment|suite|ste|unit|#)\\.?\\s*#?\\s*[a-z0-9-]+)?';
const whole = (source: string) => `${NOT_AFTER_WORD}(?:${source})${NOT_BEFORE_WORD}`;

function nameSources(known: KnownIdentifiers): string[] {
  const given = known.givenName?.trim() ? wordsSource(known.givenName) : null;
  const family = known.familyName?.trim() ? wordsSource(known.familyName) : null;
  const parts = [known.familyName, known.givenName, ...(known.otherNames ?? [])]
    .filter((n): n is string => !!n && n.trim().length >= 2)
    .flatMap((n) => [n, ...(/[\s-]/.test(n.trim()) ? n.trim().split(/[\s-]+/) : [])])
    .filter((n) => n.length >= 2);
  const full =
    given && family
      ? [`${given}\\s+(?:[${LETTER}]+\\.?\\s+)?${family}`, `${family},?\\s+${given}`]
      : [];
  return [...full, ...[...new Set(parts)].sort((a, b) => b.length - a.length).map(wordsSource)];
}

function addressSources(line: string): string[] {
  const tokens = line
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  const token = (t: string) => {
    const bare = t.toLowerCase().replace(/\.$/, '');
    const same = STREET_EQUIVALENTS.find((group) => group.includes(bare));
    return same ? `(?:${same.map(escapeRegex).join('|')})\\.?` : escapeRegex(t);
  };
  const unitAt = tokens.findIndex(
    (t, i) => i > 0 && /^(?:apt|apartment|unit|suite|ste|#)/i.test(t),
  );
  const street = unitAt > 0 ? tokens.slice(0, unitAt) : tokens;
  const sources = [tokens.map(token).join('[\\s,]+')];
  if (street.length < tokens.length) sources.push(street.map(token).join('[\\s,]+'));
  return sources;
}

/** One detector per known identifier, longest and most specific forms first. */
/** Compiled detectors of the patients seen last (in memory only), least recently used first. */
const compiled = new Map<string, Detector[]>();
const COMPILED_LIMIT = 256;

/** The detectors of one patient's identifiers; compiling them costs more than running them. */
export function knownIdentifierDetectors(known: KnownIdentifiers): Detector[] {
  const key = JSON.stringify(known);
  let detectors = compiled.get(key);
  if (detectors) compiled.delete(key);
  else detectors = compileDetectors(known);
  compiled.set(key, detectors);
  if (compiled.size > COMPILED_LIMIT) compiled.delete(compiled.keys().next().value as string);
  return detectors;
}

function compileDetectors(known: KnownIdentifiers): Detector[] {
  const list = (values: readonly string[] | undefined) =>
    (values ?? []).filter((v) => v.trim().length > 0);
  const out: Detector[] = [];
  for (const email of list(known.emails)) {
    out.push(detector(`(?<![\\w.+\\-])${escapeRegex(email.trim())}(?![\\w\\-]|\\.\\w)`, 'EMAIL'));
  }
  for (const [values, kind] of [
    [known.faxes, 'FAX'],
    [known.phones, 'PHONE'],
  ] as const) {
    for (const source of list(values).flatMap(phoneSources)) out.push(detector(source, kind));
  }
  if (known.ssn) {
    const d = known.ssn.replace(/\D/g, '');
    if (d.length === 9) out.push(detector(`(?<![\\d_])${[...d].join('[\\s.\\-]*')}(?!\\d)`, 'SSN'));
  }
  for (const [value, kind] of [
    [known.mrn, 'MRN'],
    [known.memberId, 'MEMBER_ID'],
    ...list(known.accountNumbers).map((a) => [a, 'ACCOUNT'] as const),
    [known.patientId, 'PATIENT_ID'],
  ] as const) {
    const source = value ? idSource(value) : null;
    if (source) out.push(detector(source, kind));
  }
  const dob = known.birthDate ? knownDateSource(known.birthDate.trim()) : null;
  if (dob) out.push(detector(dob, 'DOB'));
  if (known.addressLine?.trim()) {
    for (const source of addressSources(known.addressLine))
      out.push(detector(whole(source + UNIT_SUFFIX), 'ADDRESS'));
  }
  if (known.city?.trim()) out.push(detector(whole(wordsSource(known.city)), 'CITY'));
  const zip = known.postalCode?.trim().match(/^(\d{5})/)?.[1];
  if (zip) out.push(detector(`(?<![\\d_])${zip}(?:-\\d{4})?(?!\\d)`, 'ZIP'));
  for (const source of nameSources(known)) out.push(detector(whole(source), 'PATIENT_NAME'));
  return out;
}
