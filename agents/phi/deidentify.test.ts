import { describe, expect, it } from 'vitest';
import { deidentify } from './deidentify.js';
import type { KnownIdentifiers } from './known-identifiers.js';
import { reidentify } from './reidentify.js';

const ann: KnownIdentifiers = {
  patientId: 'pat-0042',
  givenName: 'Ann',
  familyName: 'Smith',
  birthDate: '1961-03-04',
  phones: ['401-555-0134'],
  emails: ['ann.smith@example.com'],
  mrn: '8812345',
  memberId: 'W123456789',
  addressLine: '12 Hope Street',
  city: 'Warwick',
  postalCode: '02886',
};

const masked = (text: string, known: KnownIdentifiers = ann) => deidentify(text, known).text;

describe('deidentify: the patient’s own identifiers', () => {
  it.each([
    ['Ann Smith', '[PATIENT_NAME_1]'],
    ['ANN SMITH', '[PATIENT_NAME_1]'],
    ['Smith, Ann', '[PATIENT_NAME_1]'],
    ['Ann B. Smith', '[PATIENT_NAME_1]'],
    ["Smith's chart", "[PATIENT_NAME_1]'s chart"],
    ['smith’s chart', '[PATIENT_NAME_1]’s chart'],
    ['Mrs. SMITH and ann', 'Mrs. [PATIENT_NAME_1] and [PATIENT_NAME_2]'],
  ])('masks the name in %j as whole words, any case', (input, expected) => {
    expect(masked(input)).toBe(expected);
  });

  it('leaves words that merely contain the name', () => {
    expect(masked('Annual exam; Smithson clinic; Annie')).toBe(
      'Annual exam; Smithson clinic; Annie',
    );
  });

  it('matches accented names written without accents', () => {
    expect(masked('Jose Nunez and JOSÉ', { givenName: 'José', familyName: 'Núñez' })).toBe(
      '[PATIENT_NAME_1] and [PATIENT_NAME_2]',
    );
  });

  it.each([
    '(401) 555-0134',
    '401-555-0134',
    '401.555.0134',
    '401 555 0134',
    '4015550134',
    '+1 401 555 0134',
    '1-401-555-0134',
    '(401)555-0134',
  ])('masks the phone written as %j to one placeholder', (phone) => {
    expect(masked(`call ${phone} today`)).toBe('call [PHONE_1] today');
  });

  it('ignores the extension of a known phone', () => {
    expect(masked('call 617-555-0123', { phones: ['(617) 555-0123 ext. 45'] })).toBe(
      'call [PHONE_1]',
    );
  });

  it('masks the local 7-digit form of the phone', () => {
    expect(masked('ext line 555-0134')).toBe('ext line [PHONE_1]');
  });

  it.each([
    '1961-03-04',
    '1961/03/04',
    '19610304',
    '3/4/1961',
    '03/04/1961',
    '03/04/61',
    '03-04-1961',
    '03.04.1961',
    '4/3/1961',
    'March 4, 1961',
    'Mar 4 1961',
    'Mar. 4th, 1961',
    'march 4 1961',
    '4 March 1961',
    '4th of March, 1961',
    '04-MAR-1961',
    '04MAR1961',
  ])('masks the birth date written as %j', (dob) => {
    expect(masked(`DOB ${dob}.`)).toBe('DOB [DOB_1].');
  });

  it('masks MRN, member id, patient id and email exactly, tolerant of case and separators', () => {
    expect(masked('mrn 8812345; w123-456-789; PAT-0042; ANN.SMITH@EXAMPLE.COM')).toBe(
      'mrn [MRN_1]; [MEMBER_ID_1]; [PATIENT_ID_1]; [EMAIL_1]',
    );
  });

  it('masks the street line with abbreviations and a unit, the city and the ZIP', () => {
    expect(masked('12 HOPE ST., Apt 4, Warwick 02886-1234; 12 hope street')).toBe(
      '[ADDRESS_1], [CITY_1] [ZIP_1]; [ADDRESS_2]',
    );
  });

  it('skips known values too short to mask safely, and tolerates an invalid birth date', () => {
    const odd: KnownIdentifiers = { mrn: '12', givenName: 'J', birthDate: 'not-a-date' };
    expect(masked('12 mg J tablets, not-a-date', odd)).toBe('12 mg J tablets, not-a-date');
  });

  it('masks identifiers hidden with zero-width characters or fullwidth digits', () => {
    expect(masked('S\u200Bmith: ４０１-５５５-０１３４, 401\u200B5550134')).toBe(
      '[PATIENT_NAME_1]: [PHONE_1], [PHONE_1]',
    );
  });
});

describe('deidentify: Safe Harbor classes by pattern, for anyone', () => {
  it.each([
    ['Call Dr. office at (617) 555-0199.', 'Call Dr. office at [PHONE_1].'],
    ['Fax: 617-555-0142', 'Fax: [FAX_1]'],
    ['faxed to 617.555.0142 x204', 'faxed to [FAX_1]'],
    ['phone 6175550199', 'phone [PHONE_1]'],
    ['London +44 20 7946 0958', 'London [PHONE_1]'],
    ['reach jroe@eyes.example.org', 'reach [EMAIL_1]'],
    ['SSN 078-05-1120', 'SSN [SSN_1]'],
    ['ss 078 05 1120', 'ss [SSN_1]'],
    ['MRN: 123456', 'MRN: [MRN_1]'],
    ['MRN#A99812', 'MRN#[MRN_1]'],
    ['Member ID W987654321', 'Member ID [MEMBER_ID_1]'],
    ['Medicare ID 1EG4-TE5-MK73', 'Medicare ID [MEMBER_ID_1]'],
    ['policy no. XJ-44521', 'policy no. [MEMBER_ID_1]'],
    ['Acct # 88-12345', 'Acct # [ACCOUNT_1]'],
    ['claim number C123456', 'claim number [ACCOUNT_1]'],
    ["driver's license S123-4567-8901", "driver's license [LICENSE_1]"],
    ['DEA number AB1234563', 'DEA number [LICENSE_1]'],
    ['license plate 7ABC123', 'license plate [VEHICLE_ID_1]'],
    ['VIN 1HGCM82633A004352', 'VIN [VEHICLE_ID_1]'],
    ['IOL serial # DX-12345-ZZ', 'IOL serial # [DEVICE_ID_1]'],
    ['pump S/N: 77A-1234', 'pump S/N: [DEVICE_ID_1]'],
    ['MAC 00:1A:2B:3C:4D:5E', 'MAC [DEVICE_ID_1]'],
    ['ref 123e4567-e89b-12d3-a456-426614174000', 'ref [ID_1]'],
    ['see https://portal.example.org/p?id=7.', 'see [URL_1].'],
    ['![x](https://evil.test/?q=data)', '![x]([URL_1])'],
    ['at www.example.com/records', 'at [URL_1]'],
    ['visit eyecare-ri.org today', 'visit [URL_1] today'],
    ['from 192.168.10.24', 'from [IP_1]'],
    ['from 2001:db8:85a3::8a2e:370:7334', 'from [IP_1]'],
    ['on 2024-02-14T10:30:00Z', 'on [DATE_1]'],
    ['on 2/14/2024', 'on [DATE_1]'],
    ['on 02/14/24', 'on [DATE_1]'],
    ['on 14.02.2024', 'on [DATE_1]'],
    ['on Feb 14, 2024', 'on [DATE_1]'],
    ['on February 14th', 'on [DATE_1]'],
    ['on 14 February 2024', 'on [DATE_1]'],
    ['on 14-FEB-2024', 'on [DATE_1]'],
    ['since March 2023', 'since [DATE_1]'],
    ['since 3/2023', 'since [DATE_1]'],
    ['lives at 77 North Main St, Apt 2B', 'lives at [ADDRESS_1]'],
    ['at 1600 Pennsylvania Avenue', 'at [ADDRESS_1]'],
    ['P.O. Box 1234', '[ADDRESS_1]'],
    ['Cranston, RI 02920', '[CITY_1], RI [ZIP_1]'],
    ['East Greenwich, Rhode Island 02818-1234', '[CITY_1], Rhode Island [ZIP_1]'],
    ['ZIP code: 02920', 'ZIP code: [ZIP_1]'],
    ['zip 02920-4411', 'zip [ZIP_1]'],
    ['chart 99887766', 'chart [MRN_1]'],
    ['ref 99887766', 'ref [ID_1]'],
    ['code AB123456 on file', 'code [ID_1] on file'],
  ])('masks %j', (input, expected) => {
    expect(deidentify(input).text).toBe(expected);
  });

  it.each([
    ['seen by Dr. Jane Roe', 'seen by Dr. [NAME_1]'],
    ['Dr Jane Q. Roe agreed', 'Dr [NAME_1] agreed'],
    ['Mr Smith called', 'Mr [NAME_1] called'],
    ['Mrs. DOE called', 'Mrs. [NAME_1] called'],
    ['patient John Doe', 'patient [NAME_1]'],
    ['wife Mary will drive', 'wife [NAME_1] will drive'],
    ['Emergency contact: Peter Park', 'Emergency contact: [NAME_1]'],
    ["Dr. O'Brien's note", "Dr. [NAME_1]'s note"],
    ['Name: Doe, John', 'Name: [NAME_1]'],
    ['Signed by McAllister-Hayes', 'Signed by [NAME_1]'],
  ])('masks the introduced name in %j', (input, expected) => {
    expect(deidentify(input).text).toBe(expected);
  });

  it('masks a clinician who shares a name part with the patient', () => {
    expect(masked('Seen by Dr. Ann Velkor; Velkor will call.')).toBe(
      'Seen by Dr. [PATIENT_NAME_1] [NAME_1]; [NAME_1] will call.',
    );
  });

  it('masks later standalone uses of an introduced name', () => {
    expect(deidentify('Dr. Jane Roe examined. Roe recommends PRP; Jane agrees.').text).toBe(
      'Dr. [NAME_1] examined. [NAME_2] recommends PRP; [NAME_3] agrees.',
    );
  });

  it('does not take cue words followed by ordinary words for names', () => {
    const text = 'Patient Denies pain. Patient Education given. Contact Lens exam. Dr. to review.';
    expect(deidentify(text).text).toBe(text);
  });

  it.each([
    ['93-year-old woman', '90+-year-old woman'],
    ['a 102 yo man', 'a 90+ yo man'],
    ['age: 95', 'age: 90+'],
    ['aged 91', 'aged 90+'],
    ['89 y/o', '89 y/o'],
    ['age 45', 'age 45'],
  ])('generalises ages over 89: %j', (input, expected) => {
    expect(deidentify(input).text).toBe(expected);
  });
});

describe('deidentify: clinical content survives', () => {
  const clinical = [
    'Moderate NPDR with DME OU (E11.3293); POAG, mild, right eye (H40.1131); also H35.3211.',
    'VA 20/40 OD, 20/25 OS, 20/20-2 OU. IOP 22 mmHg OD, 19 mmHg OS at 10:30. C/D 0.6.',
    'Latanoprost 0.005% 1 gtt qhs OU; aflibercept 2 mg/0.05 mL q4 weeks x 3. BP 128/82.',
    'Refraction +2.50 -1.25 x 090. OCT 3 months ago; OCT of macula 2023. HbA1c 8.2%.',
    'Diagnosed in 2019, PRP in 2021. CPT 92134, 67028, 92004. NPI 1234567893. LOINC 57133-1.',
    'Follow up in 4-6 weeks; dilated exam 2x/year. A 45-year-old with type 2 diabetes.',
  ].join('\n');

  it('leaves a clinical note without identifiers unchanged', () => {
    expect(deidentify(clinical).text).toBe(clinical);
    expect(deidentify(clinical, ann).text).toBe(clinical);
  });

  it('keeps the clinical content around masked identifiers', () => {
    const { text } = deidentify(`Ann Smith, DOB 03/04/1961: ${clinical}`, ann);
    expect(text).toBe(`[PATIENT_NAME_1], DOB [DOB_1]: ${clinical}`);
  });
});

describe('deidentify: vault and placeholders', () => {
  it('gives the same value the same placeholder, across formats and calls', () => {
    const first = deidentify('call 617-555-0199 or (617) 555-0199', {});
    expect(first.text).toBe('call [PHONE_1] or [PHONE_1]');
    const second = deidentify('again 617.555.0199, new 617-555-0100', {}, first.vault);
    expect(second.text).toBe('again [PHONE_1], new [PHONE_2]');
    expect(Object.keys(second.vault)).toEqual(['[PHONE_1]', '[PHONE_2]']);
  });

  it('does not mutate the vault it is given', () => {
    const vault = Object.freeze({ '[EMAIL_1]': 'a@b.example.com' });
    const out = deidentify('write to c@d.example.com', {}, vault);
    expect(vault).toEqual({ '[EMAIL_1]': 'a@b.example.com' });
    expect(out.vault).toEqual({ '[EMAIL_1]': 'a@b.example.com', '[EMAIL_2]': 'c@d.example.com' });
  });

  it('is idempotent with its own vault', () => {
    const once = deidentify(`Ann Smith, call 401-555-0134, seen 2/14/2024 by Dr. Roe`, ann);
    const twice = deidentify(once.text, ann, once.vault);
    expect(twice).toEqual(once);
  });

  it('never hands out a placeholder that the input already contains', () => {
    const { text, vault } = deidentify('note says [PHONE_1]; real 617-555-0199');
    expect(text).toBe('note says [PHONE_1]; real [PHONE_2]');
    expect(reidentify(text, vault)).toBe('note says [PHONE_1]; real 617-555-0199');
  });

  it('handles empty text and no identifiers', () => {
    expect(deidentify('')).toEqual({ text: '', vault: {} });
    expect(deidentify('No identifiers here.', {})).toEqual({
      text: 'No identifiers here.',
      vault: {},
    });
  });
});
