import { type Candidate, streetAddressOf } from '../../src/domain/index.js';
import { TEMPLATE_LANGUAGES, type TemplateLanguage } from './specialist-kinds.js';
import { fill, NEUTRAL_LABELS, OFFICE_LABELS, type OfficeLabels } from './templates.js';

export const isTemplateLanguage = (language: string): language is TemplateLanguage =>
  (TEMPLATE_LANGUAGES as readonly string[]).includes(language);

export const labelsFor = (language: string): OfficeLabels =>
  isTemplateLanguage(language) ? OFFICE_LABELS[language] : NEUTRAL_LABELS;

/** Directory text as a sentence part: trailing periods dropped, the label adds its own. */
const part = (text: string) => text.trim().replace(/\.+$/, '');

/** The office (name and street address, else city) and its phone, labelled, from the directory. */
export function officeLines(labels: OfficeLabels, candidate: Candidate): string[] {
  const where = [candidate.locationName, streetAddressOf(candidate.contact) ?? candidate.city]
    .map(part)
    .join(', ');
  const phone = candidate.contact?.phone;
  return [
    fill(labels.office, { where }),
    ...(phone ? [fill(labels.phone, { phone: part(phone) })] : []),
  ];
}

/**
 * What code adds under a message a model wrote: the specialist's name, office and phone, in the
 * message's language (names and numbers alone when the templates lack it). Never the model's.
 */
export function specialistBlock(language: string, candidate: Candidate): string {
  const labels = labelsFor(language);
  return [
    fill(labels.specialist, { specialist: part(candidate.name) }),
    ...officeLines(labels, candidate),
  ].join('\n');
}
