import { type KnownIdentifiers, knownIdentifierDetectors } from './known-identifiers.js';
import { placeholderPattern } from './placeholder.js';
import { CONTAINER_DETECTORS, DIGIT_DETECTORS, SAFE_HARBOR_DETECTORS } from './safe-harbor.js';
import { normalizeText } from './text.js';
import { createMasker, type PlaceholderVault } from './vault.js';

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
  const masker = createMasker(vault, new Set(clean.match(placeholderPattern()) ?? []));
  const mask = masker.mask.bind(masker);
  // Masking only ever turns digits into placeholders, so text without a digit outside them now
  // never gets one: the detectors that need a digit can be skipped.
  const digits = /[0-9]/.test(clean.replace(placeholderPattern(), ''));
  let out = clean;
  const pipeline = [
    ...CONTAINER_DETECTORS,
    ...knownIdentifierDetectors(known),
    ...(digits
      ? SAFE_HARBOR_DETECTORS
      : SAFE_HARBOR_DETECTORS.filter((d) => !DIGIT_DETECTORS.has(d))),
  ];
  for (const detect of pipeline) out = detect(out, mask);
  return { text: out, vault: masker.vault() };
}
