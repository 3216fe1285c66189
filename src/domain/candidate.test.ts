import { describe, expect, it } from 'vitest';
import { STORED_CANDIDATE } from '../../test/fixtures/candidate.js';
import { Candidate, streetAddressOf } from './candidate.js';

const contact = {
  phone: '(217) 555-0142',
  line: '1200 Oak Street, Suite 300',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62704',
};

describe('Candidate', () => {
  it('reads a candidate stored before the office contact was kept', () => {
    expect(Candidate.parse(STORED_CANDIDATE).contact).toBeUndefined();
  });

  it('keeps the office contact, each part nullable', () => {
    expect(Candidate.parse({ ...STORED_CANDIDATE, contact }).contact).toEqual(contact);
    const bare = { phone: null, line: null, city: null, state: null, postalCode: null };
    expect(Candidate.parse({ ...STORED_CANDIDATE, contact: bare }).contact).toEqual(bare);
    expect(
      Candidate.safeParse({ ...STORED_CANDIDATE, contact: { ...contact, phone: '' } }).success,
    ).toBe(false);
  });
});

describe('streetAddressOf', () => {
  it('writes the street, city, state and ZIP on one line, skipping what is missing', () => {
    expect(streetAddressOf(contact)).toBe('1200 Oak Street, Suite 300, Springfield, IL 62704');
    expect(streetAddressOf({ ...contact, state: null, postalCode: null })).toBe(
      '1200 Oak Street, Suite 300, Springfield',
    );
  });

  it('is null without a street line, or without a contact at all', () => {
    expect(streetAddressOf({ ...contact, line: null })).toBeNull();
    expect(streetAddressOf(undefined)).toBeNull();
  });
});
