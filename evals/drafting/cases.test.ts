import { describe, expect, it } from 'vitest';
import { outreachTemplate } from '../../agents/index.js';
import { agentInputs, loadDraftingCases } from './cases.js';

const { cases, version } = loadDraftingCases();

describe('drafting-cases.jsonl', () => {
  it('holds a few dozen cases with unique ids and a content version', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('spans specialties, urgencies and languages, one of them without a template', () => {
    expect(new Set(cases.map((c) => c.specialist.specialty)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(cases.map((c) => c.urgency))).toEqual(
      new Set(['routine', 'urgent', 'emergent']),
    );
    const languages = new Set(cases.map((c) => c.patient.language));
    expect(languages).toContain('en');
    expect(languages).toContain('es');
    const untemplated = cases.filter((c) => {
      const { referral, patient, candidate } = agentInputs(c);
      return outreachTemplate(referral, patient, candidate).missingLanguage;
    });
    expect(untemplated.length).toBeGreaterThan(0);
  });

  it("gives lay words in English and in the patient's language", () => {
    const missing = cases.filter((c) => !c.patientTerms.en || !c.patientTerms[c.patient.language]);
    expect(missing.map((c) => c.id)).toEqual([]);
  });

  it('gives every specialist a ten-digit phone and a street address', () => {
    for (const c of cases) {
      expect(c.specialist.phone.replace(/\D/g, '')).toHaveLength(10);
      expect(c.specialist.address.line).toMatch(/^\d+ \S/);
    }
  });

  it('builds valid agent inputs for every case', () => {
    for (const c of cases) expect(() => agentInputs(c)).not.toThrow();
  });
});
