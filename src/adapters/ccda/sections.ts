import type { ConsultNote, DocumentSection } from '../../domain/index.js';
import { attr, type CdaNode, capText, childAt, nodes, textOf } from './cda-values.js';
import { narrativeText } from './narrative-text.js';

export const SECTION_TEXT_LIMIT = 4000;
const SECTION_LIMIT = 500;

/** LOINC section codes. */
const ASSESSMENT = '51848-0';
const ASSESSMENT_AND_PLAN = '51847-2';
const PLAN_OF_TREATMENT = '18776-5';
const REASON_FOR_REFERRAL = '42349-1';
const STUDY_RECOMMENDATION = '18783-1';

export type SectionFindings = Pick<
  ConsultNote,
  'assessment' | 'plan' | 'recommendations' | 'reasonForReferral' | 'sections'
>;

/** The raw inner XML the parser kept for a `<text>` (a stop node), with or without attributes. */
function rawNarrative(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  const inner = nodes(first)[0]?.['#text'];
  return typeof inner === 'string' ? inner : '';
}

function readSection(section: CdaNode): DocumentSection {
  const code = attr(childAt(section, 'code'), 'code');
  const title = textOf(section.title) ?? attr(childAt(section, 'code'), 'displayName') ?? '';
  const text = capText(narrativeText(rawNarrative(section.text)), SECTION_TEXT_LIMIT);
  return code ? { code, title, text } : { title, text };
}

/** Every section of the structured body, nested ones after their parent, in document order. */
export function bodySections(doc: CdaNode): DocumentSection[] {
  const found: DocumentSection[] = [];
  const visit = (components: unknown) => {
    for (const component of nodes(components)) {
      for (const section of nodes(component.section)) {
        if (found.length >= SECTION_LIMIT) return;
        found.push(readSection(section));
        visit(section.component);
      }
    }
  };
  visit(childAt(doc, 'component', 'structuredBody')?.component);
  return found;
}

/**
 * What a section says when it has nothing: "No assessment information", "No Plan of treatment",
 * "None recorded", "Not documented". A finding put in the negative ("No retinopathy.") is content.
 */
const NOTHING = [
  /^no (?:[a-z]+ ){0,3}(?:information|data)(?: (?:available|on file|recorded|provided))?$/,
  /^no plan of (?:treatment|care)$/,
  /^none(?: (?:recorded|documented|on file|available|provided|known))?$/,
  /^not (?:documented|recorded|available|provided|applicable|assessed)$/,
  /^n\/?a$/,
];

/** Whether a section's text only says it has no content. */
export function saysNothing(text: string): boolean {
  const plain = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .toLowerCase();
  return NOTHING.some((pattern) => pattern.test(plain));
}

function textWhere(
  sections: readonly DocumentSection[],
  matches: (s: DocumentSection) => boolean,
): string | undefined {
  return sections.find((s) => s.text !== '' && !saysNothing(s.text) && matches(s))?.text;
}

const coded =
  (...codes: string[]) =>
  (s: DocumentSection) =>
    s.code !== undefined && codes.includes(s.code);

/** Uncoded sections are recognised by their title. */
const titled = (pattern: RegExp) => (s: DocumentSection) =>
  s.code === undefined && pattern.test(s.title);

export function findSections(doc: CdaNode): SectionFindings {
  const sections = bodySections(doc);
  return {
    assessment:
      textWhere(sections, coded(ASSESSMENT)) ??
      textWhere(sections, coded(ASSESSMENT_AND_PLAN)) ??
      textWhere(sections, titled(/\bassessment\b/i)),
    plan:
      textWhere(sections, coded(PLAN_OF_TREATMENT)) ??
      textWhere(sections, coded(ASSESSMENT_AND_PLAN)) ??
      textWhere(sections, titled(/\bplan\b/i)),
    recommendations: textWhere(
      sections,
      (s) => coded(STUDY_RECOMMENDATION)(s) || /recommend/i.test(s.title),
    ),
    reasonForReferral:
      textWhere(sections, coded(REASON_FOR_REFERRAL)) ??
      textWhere(sections, titled(/reason for referral/i)),
    sections,
  };
}
