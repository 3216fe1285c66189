import { generalizeAges } from './age-pattern.js';
import { maskEmails, maskIpAddresses, maskPhones, maskUrls } from './contact-patterns.js';
import { maskDates } from './date-patterns.js';
import { maskLabelledIds, maskLongNumbers, maskMachineIds, maskSsns } from './id-patterns.js';
import { maskCitiesAndZips, maskStreets } from './location-patterns.js';
import { maskIntroducedNames } from './name-patterns.js';
import type { Detector } from './text.js';

/**
 * Emails and URLs, masked whole before anything else so that a name, an MRN or a phone number
 * inside one cannot split it and leave the rest readable.
 */
export const CONTAINER_DETECTORS: readonly Detector[] = [maskEmails, maskUrls];

/**
 * The other Safe Harbor classes found by pattern, for anyone (patient, relatives, clinicians).
 * Order matters: labelled values before bare shapes, the catch-all last.
 */
export const SAFE_HARBOR_DETECTORS: readonly Detector[] = [
  maskIpAddresses,
  maskMachineIds,
  maskLabelledIds,
  maskSsns,
  maskPhones,
  maskDates,
  maskStreets,
  maskCitiesAndZips,
  generalizeAges,
  maskIntroducedNames,
  maskLongNumbers,
];

/**
 * The detectors that cannot match without an ASCII digit (a phone, a date, a house number, a
 * ZIP, an age, a labelled id holds one), so text without one can skip them. IPv6, MAC and UUID
 * shapes can be all letters, and names have no digits: those always run.
 */
export const DIGIT_DETECTORS: ReadonlySet<Detector> = new Set([
  maskLabelledIds,
  maskSsns,
  maskPhones,
  maskDates,
  maskStreets,
  maskCitiesAndZips,
  generalizeAges,
  maskLongNumbers,
]);
