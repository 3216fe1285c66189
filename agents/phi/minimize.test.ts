import { describe, expect, it } from 'vitest';
import { AppError, type Patient } from '../../src/domain/index.js';
import { deidentify } from './deidentify.js';
import {
  ageBand,
  knownIdentifiersOf,
  patientPromptContext,
  RESTRICTED_ZIP3,
  zip3,
} from './minimize.js';

const patient: Patient = {
  id: 'pat-0042',
  givenName: 'Ann',
  familyName: 'Smith',
  birthDate: '1961-03-04',
  sex: 'female',
  address: { line: '12 Hope St', city: 'Warwick', state: 'RI', postalCode: '02886' },
  location: { lat: 41.7, lon: -71.42 },
  language: 'en',
  preferredChannel: 'sms',
  phone: '401-555-0134',
  email: 'ann.smith@example.com',
};

const yearsBefore = (years: number, today = '2024-06-15') =>
  `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

describe('ageBand', () => {
  it.each([
    [0, '0-4'],
    [4, '0-4'],
    [5, '5-11'],
    [11, '5-11'],
    [12, '12-17'],
    [17, '12-17'],
    [18, '18-29'],
    [29, '18-29'],
    [30, '30-39'],
    [62, '60-69'],
    [89, '80-89'],
    [90, '90+'],
    [107, '90+'],
  ])('puts age %i in band %s', (age, band) => {
    expect(ageBand(yearsBefore(age), '2024-06-15')).toBe(band);
  });

  it('counts a year only once the birthday has passed', () => {
    expect(ageBand('1994-06-16', '2024-06-15')).toBe('18-29');
    expect(ageBand('1994-06-15', '2024-06-15')).toBe('30-39');
    expect(ageBand('2000-02-29', '2018-02-28')).toBe('12-17');
    expect(ageBand('2000-02-29', '2018-03-01')).toBe('18-29');
  });

  it('accepts a Date for today', () => {
    expect(ageBand('1961-03-04', new Date('2024-03-04T12:00:00Z'))).toBe('60-69');
  });

  it.each([
    ['03/04/1961', '2024-01-01'],
    ['1961-02-30', '2024-01-01'],
    ['', '2024-01-01'],
    ['2030-01-01', '2024-01-01'],
    ['1961-03-04', 'yesterday'],
  ])('rejects birth date %j / today %j without echoing them', (birthDate, today) => {
    const attempt = () => ageBand(birthDate, today);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(birthDate || '\u0000');
    }
  });

  it('rejects an invalid Date', () => {
    expect(() => ageBand('1961-03-04', new Date('nope'))).toThrow(AppError);
  });
});

describe('zip3', () => {
  it('keeps the first three digits of 5- and 9-digit ZIPs', () => {
    expect(zip3('02886')).toBe('028');
    expect(zip3('02886-1234')).toBe('028');
    expect(zip3(' 028861234 ')).toBe('028');
  });

  it('returns 000 for every restricted prefix', () => {
    expect(RESTRICTED_ZIP3.size).toBe(17);
    for (const prefix of RESTRICTED_ZIP3) expect(zip3(`${prefix}42`)).toBe('000');
    expect(zip3('03601')).toBe('000');
    expect(zip3('03701')).toBe('037');
  });

  it.each(['2886', 'ABCDE', '', '028861', '02886-12', 'RI 02886'])('rejects %j', (zip) => {
    expect(() => zip3(zip)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('knownIdentifiersOf', () => {
  it('collects the identifying fields of a patient and the extras', () => {
    expect(knownIdentifiersOf(patient, { mrn: 'MRN-77', memberId: 'W123456789' })).toEqual({
      patientId: 'pat-0042',
      givenName: 'Ann',
      familyName: 'Smith',
      birthDate: '1961-03-04',
      phones: ['401-555-0134'],
      emails: ['ann.smith@example.com'],
      addressLine: '12 Hope St',
      city: 'Warwick',
      postalCode: '02886',
      mrn: 'MRN-77',
      memberId: 'W123456789',
    });
  });

  it('leaves out what the patient does not have', () => {
    const { phone: _p, email: _e, ...bare } = patient;
    const known = knownIdentifiersOf(bare);
    expect(known.phones).toEqual([]);
    expect(known.emails).toEqual([]);
    expect(known).not.toHaveProperty('mrn');
    expect(known).not.toHaveProperty('memberId');
  });

  it('feeds deidentify', () => {
    const text = 'Ann Smith, 12 Hope St, Warwick; ann.smith@example.com, 401 555 0134, pat-0042.';
    expect(deidentify(text, knownIdentifiersOf(patient)).text).toBe(
      '[PATIENT_NAME_1], [ADDRESS_1], [CITY_1]; [EMAIL_1], [PHONE_1], [PATIENT_ID_1].',
    );
  });
});

describe('patientPromptContext', () => {
  it('carries only allow-listed, non-identifying fields', () => {
    const context = patientPromptContext(patient, '2024-06-15');
    expect(context).toEqual({
      ageBand: '60-69',
      sex: 'female',
      zip3: '028',
      state: 'RI',
      language: 'en',
    });
    const json = JSON.stringify(context);
    for (const value of ['Ann', 'Smith', '1961', '02886', 'Hope', 'Warwick', '555']) {
      expect(json).not.toContain(value);
    }
  });
});
