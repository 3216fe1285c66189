import type { ConsultDocumentKind, ConsultNote } from '../../src/domain/index.js';

export const CONSULT_SUMMARY_LIMIT = 600;
const NAME_LIMIT = 80;
const MAX_SENTENCES = 3;
const MIN_PART = 60;
const MAX_PART = 200;

const KIND_LABELS: Readonly<Record<ConsultDocumentKind, string>> = {
  consult_note: 'Consult note',
  referral_note: 'Referral note',
  progress_note: 'Progress note',
  other: 'Clinical document',
};

/** Words whose trailing period does not end a sentence. */
const ABBREVIATION = /(?:^|\s)(?:dr|mr|mrs|ms|st|vs|approx|no|e\.g|i\.e|[a-z])\.$/i;

const PARTS = [
  { key: 'assessment', label: 'Assessment', missing: 'assessment' },
  { key: 'plan', label: 'Plan', missing: 'plan' },
  { key: 'recommendations', label: 'Recommendations', missing: 'recommendations' },
] as const;

/** `text` cut at a word to at most `max` characters, with an ellipsis when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

const isRow = (line: string | undefined) => line?.includes(' | ') ?? false;

/** A table's first row, when it names columns (no digits) above data rows, says nothing alone. */
const isHeaderRow = (line: string, index: number, lines: readonly string[]) =>
  isRow(line) && !isRow(lines[index - 1]) && isRow(lines[index + 1]) && !/\d/.test(line);

/** Lines (list items, table rows) read as sentences of their own. */
export function sentencesOf(text: string): string[] {
  const prose = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .filter((line, index, lines) => !isHeaderRow(line, index, lines))
    .map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))
    .join(' ');
  const sentences: string[] = [];
  for (const piece of prose.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)) {
    const previous = sentences.at(-1);
    if (previous !== undefined && ABBREVIATION.test(previous)) {
      sentences[sentences.length - 1] = `${previous} ${piece}`;
    } else sentences.push(piece);
  }
  return sentences;
}

/** The first sentences of `text` that fit in `max` characters; at least the first, cut. */
export function firstSentences(text: string, max: number): string {
  const [first = '', ...rest] = sentencesOf(text);
  let out = cut(first, max);
  for (const sentence of rest.slice(0, MAX_SENTENCES - 1)) {
    if (out.length + 1 + sentence.length > max) break;
    out = `${out} ${sentence}`;
  }
  return out;
}

/** Who saw the patient and when, as the note says (the summary's first line). */
export function consultHeader(note: ConsultNote): string {
  const label = KIND_LABELS[note.kind];
  const name = note.author.name && cut(note.author.name, NAME_LIMIT);
  const org = note.author.organization && cut(note.author.organization, NAME_LIMIT);
  const date = note.encounterDate;
  if (name) {
    const who = org ? `${name} (${org})` : name;
    return date
      ? `${label}: ${who} saw the patient on ${date}.`
      : `${label}: ${who} saw the patient; the visit date is not given.`;
  }
  const where = org ? ` at ${org}` : '';
  return date
    ? `${label}: seen${where} on ${date}; the note does not name its author.`
    : `${label}: seen${where}; the note names neither its author nor the visit date.`;
}

function missingLine(missing: readonly string[]): string | null {
  if (missing.length === 0) return null;
  const last = missing.at(-1);
  const listed = missing.length === 1 ? last : `${missing.slice(0, -1).join(', ')} or ${last}`;
  return `No ${listed} section in the note.`;
}

/**
 * A short plain-text summary for the referral coordinator, by rule: who saw the patient and when,
 * the first sentences of the assessment, plan and recommendations, and which of them are missing.
 */
export function summarizeConsult(note: ConsultNote): string {
  const header = consultHeader(note);
  const present = PARTS.filter((p) => (note[p.key] ?? '').trim() !== '');
  const missing = missingLine(PARTS.filter((p) => !present.includes(p)).map((p) => p.missing));
  const fixed = header.length + (missing ? missing.length + 1 : 0);
  const room = CONSULT_SUMMARY_LIMIT - fixed - present.length;
  const share = Math.max(MIN_PART, Math.min(MAX_PART, Math.floor(room / (present.length || 1))));
  const lines = [
    header,
    ...present.map((p) => {
      const prefix = `${p.label}: `;
      return `${prefix}${firstSentences(note[p.key] ?? '', share - prefix.length)}`;
    }),
    ...(missing ? [missing] : []),
  ];
  return cut(lines.join('\n'), CONSULT_SUMMARY_LIMIT);
}
