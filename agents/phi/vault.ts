import { z } from 'zod';
import { toIsoDate } from './date-forms.js';
import { formatPlaceholder, type PlaceholderKind, parsePlaceholder } from './placeholder.js';

/** Placeholder → the original text it replaced; plain JSON, so it can live in graph state. */
export const PlaceholderVault = z.record(
  z.string().regex(/^\[[A-Z][A-Z0-9]*(?:_[A-Z][A-Z0-9]*)*_[1-9]\d*\]$/),
  z.string(),
);
export type PlaceholderVault = Readonly<z.infer<typeof PlaceholderVault>>;

const DIGITS = new Set(['PHONE', 'FAX', 'SSN']);
const DATES = new Set(['DOB', 'DATE']);
const CODES = new Set([
  'PATIENT_ID',
  'MRN',
  'MEMBER_ID',
  'ACCOUNT',
  'LICENSE',
  'VEHICLE_ID',
  'DEVICE_ID',
  'ZIP',
  'ID',
]);

/** Two spellings of one value ("(401) 555-0101" and "401.555.0101") share an identity. */
export function identityOf(kind: string, value: string): string {
  const text = value.trim();
  if (DIGITS.has(kind)) {
    const digits = text.replace(/\D/g, '');
    return `${kind}:${digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits}`;
  }
  if (DATES.has(kind)) return `${kind}:${toIsoDate(text) ?? text.toLowerCase()}`;
  if (CODES.has(kind)) return `${kind}:${text.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '')}`;
  return `${kind}:${text.toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '')}`;
}

export interface Masker {
  mask(kind: PlaceholderKind, original: string): string;
  vault(): PlaceholderVault;
}

/**
 * Hands out placeholders on top of an existing vault: a known value gets its placeholder
 * back, a new one the next free number of its kind that is neither in the vault nor `taken`.
 */
export function createMasker(vault: PlaceholderVault, taken: ReadonlySet<string>): Masker {
  const entries: Record<string, string> = { ...vault };
  const byIdentity = new Map<string, string>();
  const next = new Map<string, number>();
  for (const [token, original] of Object.entries(vault)) {
    const parsed = parsePlaceholder(token);
    if (!parsed) continue;
    const identity = identityOf(parsed.kind, original);
    if (!byIdentity.has(identity)) byIdentity.set(identity, token);
    next.set(parsed.kind, Math.max(next.get(parsed.kind) ?? 1, parsed.n + 1));
  }
  return {
    mask(kind, original) {
      const identity = identityOf(kind, original);
      const known = byIdentity.get(identity);
      if (known) return known;
      let n = next.get(kind) ?? 1;
      while (
        entries[formatPlaceholder(kind, n)] !== undefined ||
        taken.has(formatPlaceholder(kind, n))
      )
        n++;
      const token = formatPlaceholder(kind, n);
      next.set(kind, n + 1);
      entries[token] = original;
      byIdentity.set(identity, token);
      return token;
    },
    vault: () => ({ ...entries }),
  };
}
