import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConsultNote } from '../../src/adapters/ccda/index.js';
import type { ConsultNote } from '../../src/domain/index.js';
import { CONSULT_SUMMARY_LIMIT, summarizeConsult } from './index.js';
import { firstSentences, sentencesOf } from './summarize-consult.js';

/** The reader lives in src/adapters; the fixtures here are ConsultNote values, as the agent gets them. */
const note = (overrides: Partial<ConsultNote> = {}): ConsultNote => ({
  kind: 'consult_note',
  title: 'Retina consult',
  encounterDate: '2026-03-02',
  author: { name: 'Rosa Neil, MD', organization: 'Harbor Eye' },
  patient: { ids: [] },
  sections: [],
  ...overrides,
});

describe('summarizeConsult (rule-based)', () => {
  it('says who saw the patient when, then the assessment, plan and recommendations', () => {
    const summary = summarizeConsult(
      note({
        assessment: 'Neovascular AMD OS. Drusen OD. Cataract grade 1. Dry eye.',
        plan: 'Anti-VEGF injection OS next week.\nRecheck in 4 weeks.',
        recommendations: 'Return to Dr. Lee for routine care.',
      }),
    );
    expect(summary.split('\n')).toEqual([
      'Consult note: Rosa Neil, MD (Harbor Eye) saw the patient on 2026-03-02.',
      'Assessment: Neovascular AMD OS. Drusen OD. Cataract grade 1.',
      'Plan: Anti-VEGF injection OS next week. Recheck in 4 weeks.',
      'Recommendations: Return to Dr. Lee for routine care.',
    ]);
  });

  it('says what is missing', () => {
    expect(
      summarizeConsult(note({ assessment: 'Stable.' }))
        .split('\n')
        .slice(1),
    ).toEqual(['Assessment: Stable.', 'No plan or recommendations section in the note.']);
    expect(summarizeConsult(note({ assessment: 'Stable.', recommendations: 'None.' }))).toContain(
      '\nNo plan section in the note.',
    );
    expect(summarizeConsult(note({ plan: '  ' }))).toContain(
      '\nNo assessment, plan or recommendations section in the note.',
    );
  });

  it('says so when the author or the visit date is not given', () => {
    const first = (n: ConsultNote) => summarizeConsult(n).split('\n')[0];
    expect(first(note({ encounterDate: undefined }))).toBe(
      'Consult note: Rosa Neil, MD (Harbor Eye) saw the patient; the visit date is not given.',
    );
    expect(first(note({ kind: 'referral_note', author: { organization: 'Harbor Eye' } }))).toBe(
      'Referral note: seen at Harbor Eye on 2026-03-02; the note does not name its author.',
    );
    expect(first(note({ kind: 'other', author: {}, encounterDate: undefined }))).toBe(
      'Clinical document: seen; the note names neither its author nor the visit date.',
    );
  });

  it('stays within 600 characters however long the sections are', () => {
    const long = 'The retina shows extensive changes across every quadrant examined today. '.repeat(
      80,
    );
    const oneSentence = `A${'b'.repeat(3000)} c.`;
    for (const n of [
      note({ assessment: long, plan: long, recommendations: long }),
      note({ assessment: oneSentence, plan: oneSentence }),
      note({ author: { name: 'N'.repeat(500), organization: 'O'.repeat(500) }, plan: long }),
    ]) {
      const summary = summarizeConsult(n);
      expect(summary.length).toBeLessThanOrEqual(CONSULT_SUMMARY_LIMIT);
      expect(summary).toMatch(/^Consult note: /);
    }
    const summary = summarizeConsult(note({ assessment: long, plan: long, recommendations: long }));
    expect(summary.split('\n')).toHaveLength(4);
  });

  it('does not split sentences after titles and initials, and skips a header row of column names', () => {
    expect(sentencesOf('Seen by Dr. A. Lee today. Follow up.')).toEqual([
      'Seen by Dr. A. Lee today.',
      'Follow up.',
    ]);
    expect(
      sentencesOf('Planned | Date\nColonoscopy | 20120512\nEGD | 20120601\nNote: fasting'),
    ).toEqual(['Colonoscopy | 20120512.', 'EGD | 20120601.', 'Note: fasting.']);
    expect(firstSentences('word '.repeat(100).trim(), 50)).toBe(`${'word '.repeat(8)}word…`);
  });
});

const SAMPLE = fileURLToPath(
  new URL(
    '../../../shared/data/hl7-c-cda-examples/Documents/Consultation Note/Consultation_Note.xml',
    import.meta.url,
  ),
);

describe.skipIf(!existsSync(SAMPLE))('summarizeConsult on the HL7 consultation note sample', () => {
  it('produces the sentences a coordinator reads', () => {
    const result = readConsultNote(readFileSync(SAMPLE, 'utf8'));
    if (!result.ok) throw new Error(result.problem);
    const summary = summarizeConsult(result.note);
    expect(summary.split('\n')).toEqual([
      'Consult note: Patricia Primary, M.D. saw the patient on 2013-07-31.',
      'Assessment: Uncontrolled brittle Type II diabetic. Obesity.',
      'Plan: Hand-off Communication: Nurse Florence, RN to Nancy Nightingale, RN. Encounter for Check-up | October 15, 2013 | 1st, Normal Priority | 3rd, Normal Priority | Dr. James Case.',
      'No recommendations section in the note.',
    ]);
    expect(summary.length).toBeLessThanOrEqual(CONSULT_SUMMARY_LIMIT);
    expect(summary).not.toMatch(/Betterhalf|Eve\b|1975/);
  });
});
