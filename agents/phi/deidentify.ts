import { type KnownIdentifiers, knownIdentifierDetectors } from './known-identifiers.js';
import { placeholderPattern } from './placeholder.js';
import { CONTAINER_DETECTORS, DIGIT_DETECTORS, SAFE_HARBOR_DETECTORS } from './safe-harbor.js';
import { normalizeText } from './text.js';
import { createMasker, type PlaceholderVault } from './vault.js';

const PLACEHOLDERS = placeholderPattern();
const WITHOUT_DIGITS = SAFE_HARBOR_DETECTORS.filter((detect) => !DIGIT_DETECTORS.has(detect));

export interface Deidentified {
  /** The text with every identifier replaced by a placeholder such as `[PATIENT_NAME_1]`. */
  text: string;
  /** The vault passed in, plus the placeholders this call handed out. */
  vault: PlaceholderVault;
}

/**
 * Masks emails and URLs whole, then the patient's own identifiers exactly, then the other Safe
 * Harbor classes by pattern, with reversible typed placeholders; ages over 89 become "90+".
 * Pass the same vault across the calls of one prompt so a value keeps its placeholder.
 */
export function deidentify(
  text: string,
  known: KnownIdentifiers = {},
  vault: PlaceholderVault = {},
): Deidentified {
  const clean = normalizeText(text);
  const placeholders = clean.match(PLACEHOLDERS) ?? [];
  const masker = createMasker(vault, new Set(placeholders));
  const mask = masker.mask.bind(masker);
  // Masking only ever turns digits into placeholders, so text without a digit outside them now
  // never gets one: the detectors that need a digit can be skipped.
  const digits = /[0-9]/.test(placeholders.length > 0 ? clean.replace(PLACEHOLDERS, '') : clean);
  let out = clean;
  for (const detect of CONTAINER_DETECTORS) out = detect(out, mask);
  for (const detect of knownIdentifierDetectors(known)) out = detect(out, mask);
  for (const detect of digits ? SAFE_HARBOR_DETECTORS : WITHOUT_DIGITS) out = detect(out, mask);
  return { text: out, vault: masker.vault() };
}
