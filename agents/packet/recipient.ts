import { type Candidate, streetAddressOf } from '../../src/domain/index.js';

/**
 * Who the letter goes to, by code from the directory: the specialist and the location, its street
 * address and phone when the directory has them (the city alone otherwise).
 */
export function recipientLines(candidate: Candidate): string[] {
  const street = streetAddressOf(candidate.contact);
  const phone = candidate.contact?.phone;
  return [
    `To: ${candidate.name}, ${candidate.locationName}${street ? '' : ` (${candidate.city})`}`,
    ...(street ? [`Address: ${street}`] : []),
    ...(phone ? [`Phone: ${phone}`] : []),
  ];
}
