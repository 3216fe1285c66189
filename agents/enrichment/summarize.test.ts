import { describe, expect, it } from 'vitest';
import { ada, adaCoverage } from '../../test/fixtures/world.js';
import { patientPhi } from '../phi-context.js';
import { relevantSentences } from './summarize.js';

const note = (id: string, text: string) => ({
  id,
  patientId: ada.id,
  date: '2026-09-01',
  kind: 'exam' as const,
  text,
});
const facts = {
  reason: 'Suspected wet AMD, left eye',
  diagnosisCodes: ['H35.3211'],
  specialtyLabels: ['Retina specialist', 'Ophthalmologist'],
};
const phi = () => patientPhi(ada, adaCoverage, new Date('2026-11-25'));

describe('relevantSentences (the enrichment policy without an LLM)', () => {
  it('keeps the sentences that share a term with the reason, de-identified, and drops the rest', () => {
    const summary = relevantSentences(
      [
        note(
          'n1',
          `Soft drusen OS; possible conversion to neovascular AMD. Call Ada at ${ada.phone}. Knee arthroscopy 2019.`,
        ),
        note('n2', 'Dental cleaning, no issues. Seasonal allergies.'),
      ],
      facts,
      phi(),
    );
    expect(summary).toBe('Soft drusen OS; possible conversion to neovascular AMD.');
  });

  it('masks identifiers inside a relevant sentence', () => {
    const summary = relevantSentences(
      [note('n1', `${ada.givenName} ${ada.familyName} reports wet AMD symptoms since 03/04/2026.`)],
      facts,
      phi(),
    );
    expect(summary).toContain('[PATIENT_NAME_1]');
    expect(summary).not.toContain(ada.familyName);
    expect(summary).not.toContain('03/04/2026');
  });

  it('says nothing when no note is relevant, and keeps at most four sentences', () => {
    expect(
      relevantSentences([note('n1', 'Knee arthroscopy. Dental cleaning.')], facts, phi()),
    ).toBeNull();
    const many = Array.from({ length: 8 }, (_, i) => `AMD finding ${i}.`).join(' ');
    expect(relevantSentences([note('n1', many)], facts, phi())?.split('. ')).toHaveLength(4);
  });
});
