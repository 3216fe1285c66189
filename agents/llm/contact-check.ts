const CONTACT = [/https?:\/\/|www\.|\]\(/i, /[\w.+-]+@[\w-]+\.[\w.]+/, /\+?\d[\d\s().-]{8,}\d/];

/**
 * Drafted text must carry no web address, email or phone number of its own: recipients and
 * contact details come from the directory and the EHR, filled in by code.
 */
export function contactDetailIn(text: string): boolean {
  return CONTACT.some((p) => p.test(text));
}
