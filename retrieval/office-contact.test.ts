import { describe, expect, it } from 'vitest';
import { directoryProfile } from '../test/fixtures/directory.js';
import { officeContactOf, phoneForPeople } from './office-contact.js';

describe('phoneForPeople', () => {
  it.each([
    ['217-555-0142', '(217) 555-0142'],
    ['2175550142', '(217) 555-0142'],
    ['+1 217.555.0142', '(217) 555-0142'],
    ['(217) 555-0142 x12', '(217) 555-0142 ext. 12'],
    ['+44 20 7946 0958', '+44 20 7946 0958'],
  ])('writes %s as %s', (listed, shown) => {
    expect(phoneForPeople(listed)).toBe(shown);
  });

  it.each([null, '', '   ', 'call the front desk', 'https://evil.test/2175550142', '555'])(
    'gives no phone for %j',
    (listed) => {
      expect(phoneForPeople(listed)).toBeNull();
    },
  );
});

describe('officeContactOf', () => {
  it("takes the location's phone and street address, blanks as null", () => {
    const [location] = directoryProfile('1234567893', { source: 'test' }).locations;
    expect(officeContactOf(location && { ...location, phone: '401-555-0142' })).toEqual({
      phone: '(401) 555-0142',
      line: '1 Main St',
      city: 'Providence',
      state: 'RI',
      postalCode: '02903',
    });
    expect(
      officeContactOf(location && { ...location, line: ' ', state: '', postalCode: '' }),
    ).toMatchObject({ phone: null, line: null, city: 'Providence', state: null, postalCode: null });
  });

  it('is empty for a location the profile does not list', () => {
    expect(officeContactOf(undefined)).toEqual({
      phone: null,
      line: null,
      city: null,
      state: null,
      postalCode: null,
    });
  });
});
