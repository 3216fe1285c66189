import {
  countMetric,
  type MetricSpec,
  meanMetric,
  minRatio,
  rateMetric,
  ratioMetric,
} from '../core/metrics.js';
import type { MetricValue, SuiteOutcome, Table } from '../core/suite.js';
import { type CaseScore, MAX_GRADE } from './score-case.js';

export const DRAFTING_METRICS = {
  placeholderFree: minRatio('placeholder-free', 'Drafts with no unfilled placeholder', { gate: 1 }),
  letterSpecialist: minRatio('letter-specialist', 'Letter names the specialist', { gate: 1 }),
  letterContact: minRatio('letter-contact', "Letter gives the specialist's phone or address", {
    gate: 1,
  }),
  messageSpecialist: minRatio('message-specialist', 'Patient message names the specialist', {
    gate: 1,
  }),
  messageContact: minRatio(
    'message-contact',
    "Patient message gives the specialist's phone or address",
    { gate: 1 },
  ),
  letterReason: minRatio('letter-reason', 'Letter carries the reason (key clinical words)', {
    threshold: 0.95,
  }),
  letterLanguage: minRatio('letter-language', "Letter states the patient's language", {
    threshold: 0.95,
  }),
  messageReason: minRatio('message-reason', 'Patient message says why, in lay words', {
    threshold: 0.8,
  }),
  messageLanguage: minRatio('message-language', "Patient message in the patient's language", {
    threshold: 0.95,
  }),
  gradeOk: minRatio('message-grade-ok', `English patient messages at grade ≤ ${MAX_GRADE}`, {
    threshold: 0.9,
  }),
  meanGrade: {
    id: 'message-grade-mean',
    label: 'Mean Flesch–Kincaid grade of English patient messages',
    better: 'lower',
    unit: 'grade',
    threshold: { max: MAX_GRADE },
  },
  fallbacks: {
    id: 'message-english-fallback',
    label: 'Patients written to in English for want of their language',
    better: 'lower',
    unit: 'count',
  },
  llmAccepted: minRatio(
    'llm-accepted',
    'LLM drafts accepted (the rest fell back to templates)',
    {},
  ),
} satisfies Record<string, MetricSpec>;

const MAX_FAILURES = 50;

function languageTable(scores: readonly CaseScore[]): Table {
  const languages = [...new Set(scores.map((s) => s.language))].sort();
  const share = (xs: readonly CaseScore[], ok: (s: CaseScore) => boolean) =>
    Number((xs.filter(ok).length / xs.length).toFixed(3));
  return {
    title: 'Patient messages by patient language',
    columns: ['language', 'cases', 'message language ok', 'sent in', 'lay reason', 'mean grade'],
    rows: languages.map((language) => {
      const xs = scores.filter((s) => s.language === language);
      const grades = xs.flatMap((s) => (s.grade === null ? [] : [s.grade]));
      return [
        language,
        xs.length,
        share(xs, (s) => s.message.language),
        [...new Set(xs.map((s) => s.message.declared))].join(', '),
        share(xs, (s) => s.message.reason),
        grades.length === 0
          ? null
          : Number((grades.reduce((a, b) => a + b, 0) / grades.length).toFixed(1)),
      ];
    }),
  };
}

/** The suite's outcome from each case's score; `llmOutcomes` only on the LLM path. */
export function draftingOutcome(
  scores: readonly CaseScore[],
  dataset: { name: string; version: string },
  seed: number,
  llmOutcomes: readonly string[] | null,
): SuiteOutcome {
  const m = DRAFTING_METRICS;
  const at = (offset: number) => seed + offset;
  const grades = scores.flatMap((s) => (s.grade === null ? [] : [s.grade]));
  const placeholderParts = scores.map((s) => ({
    num: [s.letter.placeholders, s.message.placeholders, s.officePlaceholders].filter(
      (p) => p.length === 0,
    ).length,
    den: 3,
  }));
  const metrics: MetricValue[] = [
    ratioMetric(m.placeholderFree, placeholderParts, at(1)),
    rateMetric(
      m.letterSpecialist,
      scores.map((s) => s.letter.specialist),
      at(2),
    ),
    rateMetric(
      m.letterContact,
      scores.map((s) => s.letter.contact),
      at(3),
    ),
    rateMetric(
      m.messageSpecialist,
      scores.map((s) => s.message.specialist),
      at(4),
    ),
    rateMetric(
      m.messageContact,
      scores.map((s) => s.message.contact),
      at(5),
    ),
    rateMetric(
      m.letterReason,
      scores.map((s) => s.letter.reason),
      at(6),
    ),
    rateMetric(
      m.letterLanguage,
      scores.map((s) => s.letter.language),
      at(7),
    ),
    rateMetric(
      m.messageReason,
      scores.map((s) => s.message.reason),
      at(8),
    ),
    rateMetric(
      m.messageLanguage,
      scores.map((s) => s.message.language),
      at(9),
    ),
    rateMetric(
      m.gradeOk,
      grades.map((g) => g <= MAX_GRADE),
      at(10),
    ),
    meanMetric(m.meanGrade, grades, at(11)),
    countMetric(m.fallbacks, scores.filter((s) => s.message.fellBack).length, scores.length),
  ];
  if (llmOutcomes) {
    metrics.push(
      rateMetric(
        m.llmAccepted,
        llmOutcomes.map((o) => o === 'accepted'),
        at(12),
      ),
    );
  }
  const english = scores.filter((s) => s.grade !== null).length;
  return {
    dataset: { ...dataset, cases: scores.length },
    metrics,
    histograms: [
      { title: 'Flesch–Kincaid grade of English patient messages', unit: 'grade', values: grades },
    ],
    tables: [languageTable(scores)],
    failures: scores
      .flatMap((s) => s.problems.map((problem) => ({ caseId: s.caseId, problem })))
      .slice(0, MAX_FAILURES),
    notes: [
      `Reading grade is Flesch–Kincaid, defined for English: ${english} of ${scores.length} patient messages read as English and are graded; messages in other languages are checked for language only, not graded.`,
      'A patient whose language has no template (and, on the LLM path, no model) is expected to get English: those messages pass the language check when they are in English, and are counted apart.',
      "Contact means the specialist's phone number or street address (number and street) appears in the text; the name of the practice and the city alone do not count.",
      "Lay reason: one of the case's lay words (in English or the patient's language) appears in the patient message.",
    ],
  };
}
