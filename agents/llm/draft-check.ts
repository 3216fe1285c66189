const CONTACT = [/https?:\/\/|www\.|\]\(/i, /[\w.+-]+@[\w-]+\.[\w.]+/, /\+?\d[\d\s().-]{8,}\d/];

/**
 * Drafted text must carry no web address, email or phone number of its own: recipients and
 * contact details come from the directory and the EHR, filled in by code.
 */
export function contactDetailIn(text: string): boolean {
  return CONTACT.some((p) => p.test(text));
}

/** Why a draft is refused (an invented placeholder, contact details), or null; `what` names it. */
export function draftRefusal(
  what: string,
  text: string,
  unknownPlaceholders: (text: string) => string[],
): string | null {
  if (unknownPlaceholders(text).length > 0) return `${what} invents a placeholder`;
  if (contactDetailIn(text)) return `${what} contains contact details`;
  return null;
}
