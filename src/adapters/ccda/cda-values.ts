/** A parsed XML element: attributes under `@_name`, text under `#text`, children by local name. */
export type CdaNode = { readonly [key: string]: unknown };

const isNode = (value: unknown): value is CdaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The elements under `value`, whether the parser gave one element, several, or text. */
export function nodes(value: unknown): CdaNode[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isNode);
}

export const firstNode = (value: unknown): CdaNode | undefined => nodes(value)[0];

/** Follows a path of child names, taking the first element at each step. */
export function childAt(node: CdaNode | undefined, ...path: string[]): CdaNode | undefined {
  let current = node;
  for (const name of path) current = current && firstNode(current[name]);
  return current;
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function fromCodePoint(code: number): string | undefined {
  const allowed = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

/**
 * Decodes the five predefined XML entities and character references in one pass. Anything else
 * stays as written: documents declaring entities are refused before parsing.
 */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref) => {
    const name = String(ref);
    if (!name.startsWith('#')) return NAMED[name] ?? whole;
    const hex = name[1] === 'x';
    const decoded = fromCodePoint(Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
    return decoded ?? whole;
  });
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** An attribute's decoded value, or undefined when absent or blank. */
export function attr(node: CdaNode | undefined, name: string): string | undefined {
  const value = node?.[`@_${name}`];
  if (typeof value !== 'string') return undefined;
  const text = collapse(decodeXmlText(value));
  return text === '' ? undefined : text;
}

/** An element's own text (not its children's), decoded, or undefined when blank. */
export function textOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const raw = isNode(first) ? first['#text'] : first;
  if (typeof raw !== 'string') return undefined;
  const text = collapse(decodeXmlText(raw));
  return text === '' ? undefined : text;
}

/** An HL7 TS (`YYYYMMDD[hhmm[ss]][±zzzz]`) as YYYY-MM-DD, when it is precise to the day. */
export function isoDate(ts: string | undefined): string | undefined {
  const match = ts?.match(/^(\d{4})(\d{2})(\d{2})/);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real =
    date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** A `TS` or `IVL_TS` element's day: its own @value, else low/@value. */
export function dayOf(node: CdaNode | undefined): string | undefined {
  return isoDate(attr(node, 'value')) ?? isoDate(attr(childAt(node, 'low'), 'value'));
}

/** Cuts text to `max` characters, marking the cut. */
export function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
