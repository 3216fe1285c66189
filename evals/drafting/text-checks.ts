import type { Address } from '../../src/domain/index.js';
import { LANGUAGE_NAMES } from './language.js';

/** Lowercase, accents and punctuation dropped, spaces collapsed: how terms and names are compared. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A short Latin term (an abbreviation such as "RD") must stand as a word; longer ones may be stems. */
export function containsTerm(text: string, term: string): boolean {
  const t = normalize(term);
  if (t === '') return false;
  const haystack = ` ${normalize(text)} `;
  if (t.length <= 3 && /^[a-z0-9 ]+$/.test(t)) return haystack.includes(` ${t} `);
  return haystack.includes(t);
}

export const mentionsAny = (text: string, terms: readonly string[]) =>
  terms.some((term) => containsTerm(text, term));

/** Every group of alternatives has one alternative in the text. */
export const mentionsAll = (text: string, groups: readonly (readonly string[])[]) =>
  groups.every((group) => mentionsAny(text, group));

/** The specialist is named: given and family name both appear (case, accents, hyphens aside). */
export function namesSpecialist(text: string, s: { givenName: string; familyName: string }) {
  return containsTerm(text, s.givenName) && containsTerm(text, s.familyName);
}

const PHONE = /(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/g;
const tenDigits = (s: string) => s.replace(/\D/g, '').slice(-10);

export function hasPhone(text: string, phone: string): boolean {
  const want = tenDigits(phone);
  return (text.match(PHONE) ?? []).some((found) => tenDigits(found) === want);
}

const STREET_WORDS: Readonly<Record<string, string>> = {
  street: 'st',
  avenue: 'ave',
  road: 'rd',
  drive: 'dr',
  boulevard: 'blvd',
  lane: 'ln',
  parkway: 'pkwy',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

const streetForm = (text: string) =>
  normalize(text)
    .split(' ')
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ');

/** The street line (number and street, before any comma or suite) appears, abbreviations aside. */
export function hasStreetAddress(text: string, address: Address): boolean {
  const street = streetForm(address.line.split(',')[0] ?? '');
  return street !== '' && ` ${streetForm(text)} `.includes(` ${street} `);
}

export const hasContact = (text: string, s: { phone: string; address: Address }) =>
  hasPhone(text, s.phone) || hasStreetAddress(text, s.address);

/** The text says which language the patient prefers: by name, or its code on a "language" line. */
export function statesLanguage(text: string, code: string): boolean {
  if ((LANGUAGE_NAMES[code] ?? []).some((name) => containsTerm(text, name))) return true;
  return new RegExp(`language[^\\n]{0,40}\\b${escapeRegExp(code)}\\b`, 'i').test(text);
}

/** What an unfilled template or an un-re-identified draft leaves behind. */
const PLACEHOLDERS: readonly RegExp[] = [
  /\[[A-Z][A-Z0-9]*(?:_[A-Z][A-Z0-9]*)*_\d+\]/gi,
  /\{\{[^{}]*\}\}/g,
  /\$\{[^{}]*\}/g,
  /\{[A-Za-z_][\w.]*\}/g,
  /<[A-Za-z_][^<>\n]{0,60}>/g,
  /\bundefined\b/g,
  /\bnull\b/g,
  /\bNaN\b/g,
  /\[object Object\]/g,
];

/** The placeholders left in a text (empty when it is clean). */
export function placeholdersIn(text: string): string[] {
  return PLACEHOLDERS.flatMap((p) => text.match(p) ?? []);
}
