import { describe, expect, it } from 'vitest';
import type { DraftingCase } from './cases.js';
import { type Drafts, scoreCase } from './score-case.js';

const CASE: DraftingCase = {
  id: 'hand-1',
  condition: 'wet_amd',
  urgency: 'urgent',
  reason: 'Wet age-related macular degeneration OS with subretinal fluid.',
  diagnosisCodes: ['H35.3221'],
  clinicalSummary: null,
  letterTerms: [['macular degeneration', 'AMD']],
  patientTerms: { en: ['retina', 'macula'], es: ['retina', 'macula'] },
  patient: {
    givenName: 'Maria',
    familyName: 'Lopez',
    birthDate: '1950-01-01',
    sex: 'female',
    language: 'es',
    preferredChannel: 'sms',
    phone: '217-555-2001',
    mrn: 'MRN1',
    address: { line: '1 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701' },
    location: { lat: 39.8, lon: -89.6 },
  },
  coverage: null,
  specialist: {
    npi: '1234567893',
    name: 'Elena Vasquez, MD',
    givenName: 'Elena',
    familyName: 'Vasquez',
    specialty: 'Retina specialist',
    taxonomy: '207WX0107X',
    locationName: 'Valley Retina Center',
    phone: '(217) 555-0142',
    address: { line: '1200 Oak Street', city: 'Springfield', state: 'IL', postalCode: '62704' },
  },
};

const LETTER = [
  'To: Elena Vasquez, MD, Valley Retina Center, 1200 Oak Street, Springfield. Phone (217) 555-0142',
  'Reason for referral: wet age-related macular degeneration OS.',
  "Patient's preferred language: es",
].join('\n');
const SPANISH =
  'Hola Maria, le hemos referido a Elena Vasquez por un problema de la mácula. Su consultorio está en 1200 Oak Street y su teléfono es 217-555-0142. Si no tiene noticias en 7 días, llámenos.';
const ENGLISH =
  'Hello Maria, we referred you to Elena Vasquez for a problem with your macula. Her office is at 1200 Oak Street, phone 217-555-0142. If you have not heard from them in 7 days, please call us.';

const drafts = (letter: string, text: string, language = 'es'): Drafts => ({
  letter: { subject: 'Referral ref-1: Retina specialist (urgent)', body: letter },
  outreach: {
    officeMessage: 'Please review the attached urgent referral.',
    patientMessage: { language, text },
  },
});
const everyLanguage = () => true;

describe('scoreCase', () => {
  it('passes a letter and a Spanish message that say everything', () => {
    const s = scoreCase(CASE, drafts(LETTER, SPANISH), everyLanguage);
    expect(s.problems).toEqual([]);
    expect(s.letter).toEqual({
      reason: true,
      specialist: true,
      contact: true,
      language: true,
      placeholders: [],
    });
    expect(s.message).toMatchObject({
      reason: true,
      contact: true,
      language: true,
      detected: 'es',
    });
    expect(s.grade).toBeNull();
  });

  it("fails the contact check of a letter missing the specialist's phone and address", () => {
    const letter = LETTER.replace(', 1200 Oak Street', '').replace(' Phone (217) 555-0142', '');
    const s = scoreCase(CASE, drafts(letter, SPANISH), everyLanguage);
    expect(s.letter.contact).toBe(false);
    expect(s.letter.specialist).toBe(true);
    expect(s.problems).toEqual(["letter gives neither the specialist's phone nor street address"]);
  });

  it('reports a placeholder the letter was left with', () => {
    const s = scoreCase(CASE, drafts(`${LETTER}\nRe: [PATIENT_NAME_1]`, SPANISH), everyLanguage);
    expect(s.letter.placeholders).toEqual(['[PATIENT_NAME_1]']);
    expect(s.problems).toContain('letter leaves [PATIENT_NAME_1]');
  });

  it('does not take the practice name for the reason', () => {
    const text = 'Hola Maria, le hemos referido a Elena Vasquez en Valley Retina Center. Llámenos.';
    expect(scoreCase(CASE, drafts(LETTER, text), everyLanguage).message.reason).toBe(false);
  });

  it('fails an English message to a Spanish speaker when Spanish can be written', () => {
    const s = scoreCase(CASE, drafts(LETTER, ENGLISH, 'en'), everyLanguage);
    expect(s.message.language).toBe(false);
    expect(s.grade).not.toBeNull();
  });

  it('fails a message declared Spanish but written in English', () => {
    expect(scoreCase(CASE, drafts(LETTER, ENGLISH, 'es'), everyLanguage).message.language).toBe(
      false,
    );
  });

  it('expects English when the patient language cannot be written, and counts the fallback', () => {
    const russian = { ...CASE, patient: { ...CASE.patient, language: 'ru' } };
    const s = scoreCase(russian, drafts(LETTER, ENGLISH, 'en'), (l) => l !== 'ru');
    expect(s.message).toMatchObject({ language: true, fellBack: true, detected: 'en' });
  });

  it('fails an English message at grade 12 and passes a plain one', () => {
    const dense =
      'Your ophthalmologist identified characteristics consistent with neovascular age-related macular degeneration, necessitating expeditious evaluation by Elena Vasquez regarding intravitreal pharmacotherapy at 1200 Oak Street.';
    const english = { ...CASE, patient: { ...CASE.patient, language: 'en' } };
    const hard = scoreCase(english, drafts(LETTER, dense, 'en'), everyLanguage);
    expect(hard.grade).toBeGreaterThan(12);
    expect(hard.problems.some((p) => p.startsWith('patient message reads at grade'))).toBe(true);
    const letter = LETTER.replace('language: es', 'language: en');
    const plain = scoreCase(english, drafts(letter, ENGLISH, 'en'), everyLanguage);
    expect(plain.grade).toBeLessThanOrEqual(8);
    expect(plain.problems).toEqual([]);
  });
});
