/** What a placeholder stands for; the label inside `[LABEL_N]`. */
export const PLACEHOLDER_KINDS = [
  'PATIENT_NAME',
  'PATIENT_ID',
  'NAME',
  'DOB',
  'DATE',
  'PHONE',
  'FAX',
  'EMAIL',
  'SSN',
  'MRN',
  'MEMBER_ID',
  'ACCOUNT',
  'LICENSE',
  'VEHICLE_ID',
  'DEVICE_ID',
  'ADDRESS',
  'CITY',
  'ZIP',
  'URL',
  'IP',
  'ID',
] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];

const TOKEN = '\\[([A-Z][A-Z0-9]*(?:_[A-Z][A-Z0-9]*)*)_([1-9]\\d{0,5})\\]';

/** Every well-formed placeholder, e.g. `[PATIENT_NAME_1]`; `i` also finds mangled casing. */
export function placeholderPattern(flags: 'g' | 'gi' = 'g'): RegExp {
  return new RegExp(TOKEN, flags);
}

export function formatPlaceholder(kind: string, n: number): string {
  return `[${kind}_${n}]`;
}

export function parsePlaceholder(token: string): { kind: string; n: number } | null {
  const m = new RegExp(`^${TOKEN}$`).exec(token);
  return m?.[1] && m[2] ? { kind: m[1], n: Number(m[2]) } : null;
}
