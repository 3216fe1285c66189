import type { DirectoryProfile } from '../../domain/index.js';

const MAX_QUERY_TERMS = 32;

/** The text an index scores a profile on: name, taxonomy codes, languages and cities. */
export function profileText(p: DirectoryProfile): string {
  const cities = new Set(p.locations.map((l) => l.city));
  return [p.name, ...p.taxonomyCodes, ...p.languages, ...cities].join(' ');
}

/** The tokens FTS5's `unicode61 remove_diacritics 2` makes of a text: lower-case, unaccented. */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The distinct tokens of a query, bounded so a long reason cannot blow up a search. */
export function queryTerms(text: string | undefined): string[] {
  return text ? [...new Set(tokenize(text))].slice(0, MAX_QUERY_TERMS) : [];
}
