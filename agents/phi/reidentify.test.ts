import { describe, expect, it } from 'vitest';
import { deidentify } from './deidentify.js';
import type { KnownIdentifiers } from './known-identifiers.js';
import { reidentify, unknownPlaceholders } from './reidentify.js';
import { PlaceholderVault } from './vault.js';

const known: KnownIdentifiers = {
  givenName: 'Ann',
  familyName: 'Smith',
  birthDate: '1961-03-04',
  phones: ['401-555-0134'],
  memberId: 'W123456789',
};

const note = [
  'Ann Smith (DOB 03/04/1961), member ID W123456789, phone (401) 555-0134.',
  'Seen by Dr. Jane Roe on Feb 14, 2024 at 12 Hope St, Warwick, RI 02886.',
  'Email jroe@eyes.example.org; portal https://portal.example.org/x; SSN 078-05-1120.',
  'Moderate NPDR OU (E11.3293), IOP 22 mmHg OD, VA 20/40.',
].join('\n');

describe('reidentify', () => {
  it('round-trips a note exactly', () => {
    const { text, vault } = deidentify(note, known);
    expect(text).not.toContain('Smith');
    expect(reidentify(text, vault)).toBe(note);
  });

  it('fills placeholders wherever a draft moved them', () => {
    const { vault } = deidentify(note, known);
    const draft = 'Dear [NAME_1], re [PATIENT_NAME_1] (born [DOB_1]): please call [PHONE_1].';
    expect(reidentify(draft, vault)).toBe(
      'Dear Jane Roe, re Ann Smith (born 03/04/1961): please call (401) 555-0134.',
    );
  });

  it('restores the first spelling seen when one value was written several ways', () => {
    const { text, vault } = deidentify('DOB 1961-03-04, i.e. March 4, 1961', known);
    expect(text).toBe('DOB [DOB_1], i.e. [DOB_1]');
    expect(reidentify(text, vault)).toBe('DOB 1961-03-04, i.e. 1961-03-04');
  });

  it('inserts originals literally, even with replacement-pattern characters', () => {
    const vault = { '[ID_1]': "$& $1 $' x" };
    expect(reidentify('id [ID_1].', vault)).toBe("id $& $1 $' x.");
  });

  it('leaves placeholders the vault does not know as they are', () => {
    const { vault } = deidentify(note, known);
    const draft = 'Re [PATIENT_NAME_1] and [PATIENT_NAME_7], SSN [SSN_9], [patient_name_1].';
    expect(reidentify(draft, vault)).toBe(
      'Re Ann Smith and [PATIENT_NAME_7], SSN [SSN_9], [patient_name_1].',
    );
  });

  it('works on a vault that went through JSON and the schema', () => {
    const { text, vault } = deidentify(note, known);
    const stored = PlaceholderVault.parse(JSON.parse(JSON.stringify(vault)));
    expect(reidentify(text, stored)).toBe(note);
  });
});

describe('unknownPlaceholders', () => {
  it('reports each invented or mangled placeholder once, in order of appearance', () => {
    const { vault } = deidentify(note, known);
    const draft = '[PATIENT_NAME_1] [MRN_1] [patient_name_1] [MRN_1] [PHONE_1] [ADDRESS_4]';
    expect(unknownPlaceholders(draft, vault)).toEqual([
      '[MRN_1]',
      '[patient_name_1]',
      '[ADDRESS_4]',
    ]);
  });

  it('reports nothing when every placeholder is known, and everything for an empty vault', () => {
    const { text, vault } = deidentify(note, known);
    expect(unknownPlaceholders(text, vault)).toEqual([]);
    expect(unknownPlaceholders('[DOB_1] and [DOB_1]', {})).toEqual(['[DOB_1]']);
  });

  it('ignores bracketed text that is not placeholder-shaped', () => {
    expect(unknownPlaceholders('[x](https://a) [OD] [E11.3293] [NAME_] [NAME_0]', {})).toEqual([]);
  });
});

describe('PlaceholderVault', () => {
  it('accepts placeholder keys and rejects anything else', () => {
    expect(PlaceholderVault.safeParse({ '[PATIENT_NAME_1]': 'Ann' }).success).toBe(true);
    expect(PlaceholderVault.safeParse({ PATIENT_NAME_1: 'Ann' }).success).toBe(false);
    expect(PlaceholderVault.safeParse({ '[name_1]': 'Ann' }).success).toBe(false);
    expect(PlaceholderVault.safeParse({ '[NAME_1]': 7 }).success).toBe(false);
  });
});
