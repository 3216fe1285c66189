import type { DirectoryLocation, OfficeContact } from '../src/domain/index.js';

/** Whitespace collapsed; null when nothing is left. */
function present(text: string | null | undefined): string | null {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

const EXTENSION = /^(.*?)\s*(?:x|ext\.?|extension)\s*(\d{1,6})$/i;
const PHONE_LIKE = /^\+?[\d\s().-]{7,20}$/;

/**
 * A directory phone as people dial it: a US number as "(217) 555-0142" (with "ext. 12" when
 * listed), another number as listed; null for text that is no phone number.
 */
export function phoneForPeople(raw: string | null): string | null {
  const listed = present(raw);
  if (!listed) return null;
  const [, main = listed, extension] = listed.match(EXTENSION) ?? [];
  if (!PHONE_LIKE.test(main)) return null;
  const digits = main.replace(/\D/g, '');
  const us = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  const dialed =
    us.length === 10 ? `(${us.slice(0, 3)}) ${us.slice(3, 6)}-${us.slice(6)}` : main.trim();
  return extension ? `${dialed} ext. ${extension}` : dialed;
}

/** The phone and street address of the location a candidate is ranked at. */
export function officeContactOf(location: DirectoryLocation | undefined): OfficeContact {
  return {
    phone: phoneForPeople(location?.phone ?? null),
    line: present(location?.line),
    city: present(location?.city),
    state: present(location?.state),
    postalCode: present(location?.postalCode),
  };
}
