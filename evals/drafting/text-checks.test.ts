import { describe, expect, it } from 'vitest';
import {
  containsTerm,
  hasContact,
  hasPhone,
  hasStreetAddress,
  mentionsAll,
  namesSpecialist,
  placeholdersIn,
  statesLanguage,
} from './text-checks.js';

const ADDRESS = {
  line: '1200 Oak Street, Suite 300',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62704',
};
const SPECIALIST = { phone: '(217) 555-0142', address: ADDRESS };

describe('placeholdersIn', () => {
  it.each([
    ['Dear [PATIENT_NAME_1], see you soon.', '[PATIENT_NAME_1]'],
    ['Call [phone_2] today.', '[phone_2]'],
    ['Hello {{name}}.', '{{name}}'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text an unfilled template leaves
    ['Hello ${name}.', '${name}'],
    ['Hola {name}, su cita.', '{name}'],
    ['Referred to <specialist name> at the clinic.', '<specialist name>'],
    ['Referred to undefined at Valley Retina.', 'undefined'],
    ['Phone: null', 'null'],
    ['Distance NaN km', 'NaN'],
    ['Note: [object Object]', '[object Object]'],
  ])('finds what %j leaves', (text, token) => {
    expect(placeholdersIn(text)).toContain(token);
  });

  it('finds nothing in a filled draft, whatever its brackets, numbers and words', () => {
    const text =
      'Hello Maria, IOP 28 mmHg (OD) and 30 mmHg [OS]; cup-to-disc 0.8. A nullable field, an undefinedness. Call 217-555-0142.';
    expect(placeholdersIn(text)).toEqual([]);
  });
});

describe('contact', () => {
  it('finds the phone in any usual format, and only that number', () => {
    expect(hasPhone('Call them at 217-555-0142.', SPECIALIST.phone)).toBe(true);
    expect(hasPhone('Call them at +1 (217) 555 0142.', SPECIALIST.phone)).toBe(true);
    expect(hasPhone('Call them at 217.555.0142', SPECIALIST.phone)).toBe(true);
    expect(hasPhone('Call us at 217-555-0199.', SPECIALIST.phone)).toBe(false);
    expect(hasPhone('Their office will call you within 7 days.', SPECIALIST.phone)).toBe(false);
  });

  it('finds the street address with abbreviations, not the city or practice name alone', () => {
    expect(hasStreetAddress('at 1200 Oak St., Springfield', ADDRESS)).toBe(true);
    expect(hasStreetAddress('at 1200 oak street suite 300', ADDRESS)).toBe(true);
    expect(hasStreetAddress('at Valley Retina Center, Springfield', ADDRESS)).toBe(false);
    expect(hasStreetAddress('at 12000 Oak Street', ADDRESS)).toBe(false);
  });

  it('fails a letter that names the practice and city but has neither phone nor address', () => {
    const letter = 'To: Elena Vasquez, MD, Valley Retina Center (Springfield)';
    expect(hasContact(letter, SPECIALIST)).toBe(false);
    expect(hasContact(`${letter}\nPhone: (217) 555-0142`, SPECIALIST)).toBe(true);
  });
});

describe('names and terms', () => {
  it('finds the specialist by given and family name, accents and hyphens aside', () => {
    const s = { givenName: 'Mei-Ling', familyName: 'Zhou' };
    expect(namesSpecialist('referred to Dr. Mei Ling ZHOU', s)).toBe(true);
    expect(namesSpecialist('referred to Dr. Zhou', s)).toBe(false);
    expect(
      namesSpecialist('con José Hernández', { givenName: 'Jose', familyName: 'Hernandez' }),
    ).toBe(true);
  });

  it('matches short abbreviations as words and longer terms as stems', () => {
    expect(containsTerm('Suspected RD OD.', 'RD')).toBe(true);
    expect(containsTerm('With kind regards', 'RD')).toBe(false);
    expect(containsTerm('her diabetic retinopathy', 'diabet')).toBe(true);
    expect(containsTerm('su médico de la retina', 'retina')).toBe(true);
    expect(containsTerm('转诊至视网膜专科', '视网膜')).toBe(true);
  });

  it('requires one alternative of every group', () => {
    const groups = [['retinal detachment', 'detached retina'], ['urgent']];
    expect(mentionsAll('Urgent: detached retina OD', groups)).toBe(true);
    expect(mentionsAll('Detached retina OD', groups)).toBe(false);
  });

  it("reads the patient's language stated by name or code", () => {
    expect(statesLanguage("Patient's preferred language: es", 'es')).toBe(true);
    expect(statesLanguage('The patient speaks Spanish.', 'es')).toBe(true);
    expect(statesLanguage('Prefiere español.', 'es')).toBe(true);
    expect(statesLanguage("Patient's preferred language: en", 'es')).toBe(false);
    expect(statesLanguage('Urgency: routine; diagnoses: H40.1131', 'es')).toBe(false);
  });
});
