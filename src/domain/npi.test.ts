import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from './npi.js';

describe('npi', () => {
  it('accepts the CMS example NPI and computes its check digit', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567893')).toBe(true);
  });

  it('rejects a wrong check digit and malformed input', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
  });
});
